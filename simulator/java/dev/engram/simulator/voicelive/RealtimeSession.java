package dev.engram.simulator.voicelive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.simulator.support.Json;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** One realtime connection: its session configuration, input audio buffer and event numbering. */
final class RealtimeSession {
    private final ServiceProfile profile;
    private final Outbox outbox;
    private final AtomicInteger ids = new AtomicInteger();
    private final ObjectNode session;
    private final ByteArrayOutputStream inputAudio = new ByteArrayOutputStream();
    private String lastItemId;

    RealtimeSession(ServiceProfile profile, String model, Outbox outbox) {
        this.profile = profile;
        this.outbox = outbox;
        this.session = profile.defaultSession().deepCopy();
        session.put("id", id("sess"));
        session.put("model", model);
    }

    void open() {
        ObjectNode created = event("session.created");
        created.set("session", session.deepCopy());
        outbox.send(created);
    }

    /** Handles one client text frame; malformed input answers an {@code error} event and keeps the socket open. */
    void receive(String frame) {
        JsonNode event;
        try {
            event = Json.parse(frame);
        } catch (Exception e) {
            error("invalid_request_error", "invalid_json", "The client event is not valid JSON", null);
            return;
        }
        if (!event.isObject() || !event.path("type").isTextual()) {
            error("invalid_request_error", "missing_type", "The client event must be a JSON object with a string 'type'", "type");
            return;
        }
        String type = event.path("type").asText();
        switch (type) {
            case "session.update" -> update(event.path("session"));
            case "input_audio_buffer.append" -> append(event.path("audio"));
            case "input_audio_buffer.commit" -> commit();
            case "input_audio_buffer.clear" -> clear();
            default -> error("invalid_request_error", "unknown_event_type",
                    "Unknown client event type '" + type + "'", "type");
        }
    }

    private void update(JsonNode patch) {
        if (!patch.isObject()) {
            error("invalid_request_error", "invalid_value", "'session' must be an object", "session");
            return;
        }
        merge(session, (ObjectNode) patch);
        ObjectNode updated = event("session.updated");
        updated.set("session", session.deepCopy());
        outbox.send(updated);
    }

    private void append(JsonNode audio) {
        byte[] pcm;
        try {
            pcm = audio.isTextual() ? Base64.getDecoder().decode(audio.asText()) : null;
        } catch (IllegalArgumentException e) {
            pcm = null;
        }
        if (pcm == null) {
            error("invalid_request_error", "invalid_audio", "'audio' must be base64-encoded " + inputFormat() + " audio", "audio");
            return;
        }
        if (inputFormat().equals("pcm16") && pcm.length % 2 != 0) {
            error("invalid_request_error", "invalid_audio_format", "pcm16 audio must have an even number of bytes, got " + pcm.length, "audio");
            return;
        }
        synchronized (inputAudio) {
            inputAudio.writeBytes(pcm);
        }
    }

    private void commit() {
        int bytes;
        synchronized (inputAudio) {
            bytes = inputAudio.size();
            inputAudio.reset();
        }
        if (bytes < 48 * 100) {
            error("invalid_request_error", "input_audio_buffer_commit_empty",
                    "Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has "
                            + bytes / 48 + "ms of audio.", null);
            return;
        }
        String itemId = id("item");
        ObjectNode committed = event("input_audio_buffer.committed");
        committed.put("previous_item_id", lastItemId);
        committed.put("item_id", itemId);
        outbox.send(committed);
        lastItemId = itemId;
    }

    private void clear() {
        synchronized (inputAudio) {
            inputAudio.reset();
        }
        outbox.send(event("input_audio_buffer.cleared"));
    }

    void error(String type, String code, String message, String param) {
        ObjectNode event = event("error");
        ObjectNode error = event.putObject("error");
        error.put("type", type);
        error.put("code", code);
        error.put("message", message);
        error.put("param", param);
        error.putNull("event_id");
        outbox.send(event);
    }

    private String inputFormat() {
        return session.path("input_audio_format").asText("pcm16");
    }

    ObjectNode event(String type) {
        ObjectNode event = Json.object();
        event.put("type", type);
        event.put("event_id", id("event"));
        return event;
    }

    String id(String prefix) {
        return prefix + "_" + String.format("%04d", ids.incrementAndGet());
    }

    private static void merge(ObjectNode target, ObjectNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            target.set(field.getKey(), field.getValue());
        }
    }
}
