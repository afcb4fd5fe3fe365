package dev.engram.simulator.voicelive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.audio.Fixture;
import dev.engram.audio.FixtureRegistry;
import dev.engram.audio.Pcm16;
import dev.engram.audio.Voices;
import dev.engram.audio.Wav;
import dev.engram.simulator.model.AnswerBook;
import dev.engram.support.Json;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One realtime connection: session configuration, input audio buffer with server VAD, the conversation, and at
 * most one active response. Every client event is answered as VoiceLive answers it; a bad one gets an
 * {@code error} event and the connection stays up.
 */
final class RealtimeSession implements VoiceActivity.Listener {
    private final ServiceProfile profile;
    private final Outbox outbox;
    private final Pacing pacing;
    private final FixtureRegistry fixtures;
    private final ResponsePlanner planner;
    private final AtomicInteger ids = new AtomicInteger();
    private final ObjectNode session;
    private final String conversationId;
    private final Conversation conversation;
    private final InputBuffer input = new InputBuffer(this);
    private String speechItemId;
    private long speechStartMs;
    private volatile ResponseStream active;
    private final Dialect dialect;
    private final java.util.function.Supplier<Optional<ResponseFault>> faults;
    private final McpTools mcp = new McpTools();
    private ToolCalls.Call approvedCall;

    RealtimeSession(ServiceProfile profile, String model, Outbox outbox, Pacing pacing, FixtureRegistry fixtures,
                    Voices voices, AnswerBook answers, Dialect dialect, java.util.function.Supplier<Optional<ResponseFault>> faults) {
        this.faults = faults;
        this.dialect = dialect;
        this.profile = profile;
        this.outbox = outbox;
        this.pacing = pacing;
        this.fixtures = fixtures;
        this.planner = new ResponsePlanner(profile, answers, voices, fixtures);
        this.conversation = new Conversation(this, outbox);
        this.session = profile.defaultSession().deepCopy();
        this.conversationId = id("conv");
        session.put("id", id("sess"));
        session.put("model", model);
    }

    String conversationId() {
        return conversationId;
    }

    void open() {
        ObjectNode created = event("session.created");
        created.set("session", session.deepCopy());
        outbox.send(created);
    }

    /**
     * Handles one client frame, parsed once by the socket ({@code event} null when it is not JSON); runs on the
     * socket's thread, one frame at a time.
     */
    synchronized void receive(int frameLength, JsonNode event) {
        if (frameLength > profile.maxFrameBytes()) {
            error("invalid_request_error", "frame_too_large", "Client event of " + frameLength
                    + " bytes exceeds the limit of " + profile.maxFrameBytes() + " bytes; send audio in smaller chunks", null);
            return;
        }
        if (event == null) {
            error("invalid_request_error", "invalid_json", "The client event is not valid JSON", null);
            return;
        }
        if (!event.isObject() || !event.path("type").isTextual()) {
            error("invalid_request_error", "missing_type", "The client event must be a JSON object with a string 'type'", "type");
            return;
        }
        String type = event.path("type").asText();
        java.util.Optional<String> refused = dialect.refusal(type);
        if (refused.isPresent()) {
            error("invalid_request_error", "unknown_event_type", refused.get(), "type");
            return;
        }
        switch (type) {
            case "session.update" -> update(dialect.flatten(event.path("session")));
            case "input_audio_buffer.append", "input_audio.turn.append" -> append(event.path("audio"));
            case "input_audio_buffer.commit", "input_audio.turn.end" -> commit();
            case "input_audio_buffer.clear", "input_audio.clear", "input_audio.turn.cancel" -> clear();
            case "input_audio.turn.start" -> { }
            case "response.create" -> createResponse(event.path("response"));
            case "response.cancel" -> cancel("client_cancelled", true);
            case "conversation.item.create" -> conversation.create(event.path("item"), event.path("previous_item_id").asText(null));
            case "conversation.item.delete" -> conversation.delete(event.path("item_id").asText(null));
            case "conversation.item.retrieve" -> conversation.retrieve(event.path("item_id").asText(null));
            case "conversation.item.truncate" -> conversation.truncate(event);
            case "session.avatar.connect" -> error("invalid_request_error", "avatar_not_supported",
                    "Avatar sessions are not supported by this simulator", "client_sdp");
            default -> error("invalid_request_error", "unknown_event_type", "Unknown client event type '" + type + "'", "type");
        }
    }

    private void update(JsonNode patch) {
        if (!patch.isObject()) {
            error("invalid_request_error", "invalid_value", "'session' must be an object", "session");
            return;
        }
        java.util.Optional<String> unavailable = dialect.unavailableFeature(patch);
        if (unavailable.isPresent()) {
            error("invalid_request_error", "feature_not_enabled", unavailable.get(), "session");
            return;
        }
        JsonNode voice = patch.path("voice");
        String voiceName = voice.isTextual() ? voice.asText() : voice.path("name").asText(null);
        if (!voice.isMissingNode() && !voice.isNull() && voiceName == null) {
            error("invalid_request_error", "invalid_value", "'session.voice' must be a voice name or an object with 'name'", "session.voice");
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            session.set(field.getKey(), field.getValue());
        }
        ObjectNode updated = event("session.updated");
        updated.set("session", session.deepCopy());
        outbox.send(updated);
        if (patch.has("tools")) {
            mcp.configure(session.path("tools"), this, outbox);
        }
    }

    McpTools mcp() {
        return mcp;
    }

    private void append(JsonNode audio) {
        byte[] bytes;
        try {
            bytes = audio.isTextual() ? Base64.getDecoder().decode(audio.asText()) : null;
        } catch (IllegalArgumentException e) {
            bytes = null;
        }
        if (bytes == null) {
            error("invalid_request_error", "invalid_audio", "'audio' must be base64-encoded " + inputFormat() + " audio", "audio");
            return;
        }
        if (Wav.isWav(bytes)) {
            error("invalid_request_error", "invalid_audio_format", "'audio' holds a WAV file (" + describeWav(bytes)
                    + "); send raw " + inputFormat() + " samples, mono, " + Pcm16.RATE + " Hz, without a header", "audio");
            return;
        }
        input.append(bytes, inputFormat().equals("pcm16"), session.get("turn_detection"), session.path("input_audio_noise_reduction").isObject());
    }

    @Override
    public void speechStarted(long audioStartMs) {
        speechItemId = id("item");
        ObjectNode started = event("input_audio_buffer.speech_started").put("audio_start_ms", audioStartMs).put("item_id", speechItemId);
        outbox.send(started);
        if (responding() && session.path("turn_detection").path("interrupt_response").asBoolean(true)) {
            cancel("turn_detected", false);
        }
        speechStartMs = audioStartMs;
    }

    @Override
    public void speechStopped(long audioEndMs) {
        outbox.send(event("input_audio_buffer.speech_stopped").put("audio_end_ms", audioEndMs).put("item_id", speechItemId));
        commitUtterance(speechItemId, input.takeUtterance(speechStartMs, audioEndMs));
        if (session.path("turn_detection").path("create_response").asBoolean(true)) {
            startResponse(Json.object());
        }
    }

    private void commit() {
        byte[] audio = input.all();
        if (audio.length < Pcm16.BYTES_PER_MS * 100) {
            error("invalid_request_error", "input_audio_buffer_commit_empty",
                    "Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has "
                            + audio.length / Pcm16.BYTES_PER_MS + "ms of audio.", null);
            return;
        }
        boolean speaking = speechItemId != null && input.speaking(); // the item speech_started announced, if speech is under way
        input.clear();
        commitUtterance(speaking ? speechItemId : id("item"), audio);
    }

    private void commitUtterance(String itemId, byte[] audio) {
        String previous = conversation.lastItemId();
        outbox.send(event("input_audio_buffer.committed").put("previous_item_id", previous).put("item_id", itemId));
        Conversation.Item item = new Conversation.Item(itemId, "user", new StringBuilder());
        conversation.add(item);
        ObjectNode created = event("conversation.item.created").put("previous_item_id", previous);
        ObjectNode json = created.putObject("item").put("id", itemId).put("object", "realtime.item").put("type", "message")
                .put("status", "completed").put("role", "user");
        json.putArray("content").addObject().put("type", "input_audio").putNull("transcript");
        outbox.send(created);
        speechItemId = null;
        transcribe(item, audio, session.path("input_audio_transcription").isObject());
    }

    /**
     * The model hears the audio whether or not input transcription is on; the transcription events go out only when
     * the session asked for them.
     */
    private void transcribe(Conversation.Item item, byte[] audio, boolean events) {
        Optional<String> transcript = inputFormat().equals("pcm16")
                ? fixtures.recognise(Pcm16.fromBytes(audio, Pcm16.RATE)).map(Fixture::transcript)
                : Optional.empty();
        if (transcript.isEmpty() && profile.transcriptionFallback() != null) {
            transcript = Optional.of(profile.transcriptionFallback());
        }
        if (!events) {
            transcript.ifPresent(item.text()::append);
            return;
        }
        if (transcript.isEmpty()) {
            ObjectNode failed = event("conversation.item.input_audio_transcription.failed").put("item_id", item.id()).put("content_index", 0);
            failed.putObject("error").put("type", "transcription_error").put("code", "audio_unintelligible")
                    .put("message", "The audio could not be transcribed: it matches no known utterance").putNull("param");
            outbox.send(failed);
            return;
        }
        item.text().append(transcript.get());
        for (String piece : ResponseStream.pieces(transcript.get())) {
            outbox.send(event("conversation.item.input_audio_transcription.delta").put("item_id", item.id()).put("content_index", 0).put("delta", piece));
        }
        outbox.send(event("conversation.item.input_audio_transcription.completed").put("item_id", item.id())
                .put("content_index", 0).put("transcript", transcript.get()));
    }


    private void clear() {
        input.clear();
        outbox.send(event("input_audio_buffer.cleared"));
    }

    private boolean responding() {
        ResponseStream response = active;
        return response != null && response.active();
    }

    private void createResponse(JsonNode options) {
        if (responding()) {
            error("invalid_request_error", "conversation_already_has_active_response",
                    "Conversation already has an active response", null);
            return;
        }
        startResponse(options.isObject() ? (ObjectNode) options : Json.object());
    }

    private void startResponse(ObjectNode options) {
        if (responding()) {
            return; // a response is still streaming and was not interrupted
        }
        List<ResponsePlanner.Turn> turns = conversation.turns();
        ResponseStream.Plan plan = planner.plan(session, options, turns, Optional.ofNullable(approvedCall), mcp::offers);
        approvedCall = null;
        ResponseStream response = new ResponseStream(this, outbox, pacing, plan, conversation.lastItemId(), this::finished,
                plan.toolCall() != null ? Optional.empty() : faults.get());
        active = response;
        response.start();
    }

    private synchronized void finished(ResponseStream response) {
        conversation.add(new Conversation.Item(response.itemId, "assistant", new StringBuilder(response.text())));
        if (active == response) {
            active = null;
        }
    }

    private void cancel(String reason, boolean clientAsked) {
        ResponseStream response = active;
        if (response == null || !response.cancel(reason)) {
            if (clientAsked) {
                error("invalid_request_error", "response_cancel_not_active",
                        "Cancellation failed: no active response found", null);
            }
        }
    }

    /** The client's answer to an {@code mcp_approval_request}: an approved call runs in a response of its own. */
    void approval(JsonNode item) {
        String requestId = item.path("approval_request_id").asText("");
        if (!mcp.knowsApproval(requestId)) {
            error("invalid_request_error", "invalid_value", "'item.approval_request_id' names no pending MCP approval request: '" + requestId + "'",
                    "item.approval_request_id");
            return;
        }
        Optional<ToolCalls.Call> approved = mcp.approve(requestId, item.path("approve").asBoolean(false));
        ObjectNode created = event("conversation.item.created").put("previous_item_id", conversation.lastItemId());
        created.set("item", ((ObjectNode) item.deepCopy()).put("id", item.path("id").asText(id("item"))).put("object", "realtime.item"));
        outbox.send(created);
        if (approved.isPresent()) {
            approvedCall = approved.get();
            startResponse(Json.object());
        }
    }

    /** After an MCP call, the model speaks its output in a new response, as the service continues on its own. */
    synchronized void toolAnswered(String name, String output) {
        conversation.add(new Conversation.Item(id("item"), "function_call_output", new StringBuilder(ToolCalls.afterOutput(name, output))));
        startResponse(Json.object());
    }

    /** Records the function call a response made, so its output can be matched to it. */
    synchronized void calledFunction(String itemId, String callId, String name) {
        conversation.add(new Conversation.Item(itemId + "|" + callId, "function_call", new StringBuilder(name)));
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

    private static String describeWav(byte[] bytes) {
        try {
            return Wav.format(bytes).describe();
        } catch (RuntimeException e) {
            return "unreadable header";
        }
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
}
