package dev.engram.simulator.cassette;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recorded VoiceLive session as NDJSON, one frame per line: its direction, the client action it follows
 * ({@code connect}, {@code speech}, {@code commit}, {@code response.create}, {@code cancel}, {@code session.update} ...)
 * and its time in ms after that action. Keys and tokens never reach a cassette; audio is kept or redacted by choice.
 */
public final class Cassette {
    /** The client actions that anchor the timing of what follows them. */
    static final Set<String> ACTIONS = Set.of("session.update", "input_audio_buffer.commit", "input_audio_buffer.clear", "response.create",
            "response.cancel", "conversation.item.create", "conversation.item.truncate", "conversation.item.delete");

    /** One frame: {@code in} (client to service) or {@code out}; {@code anchor} is the index of the action it follows. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Frame(String dir, String type, int anchor, long ms, JsonNode frame) {}

    private Cassette() {}

    /** The action a client frame is: its type, or {@code speech} for the first audio after another action; null otherwise. */
    static String action(String type, boolean audioSinceLastAction) {
        if (type.equals("input_audio_buffer.append")) {
            return audioSinceLastAction ? null : "speech";
        }
        return ACTIONS.contains(type) ? type : null;
    }

    /** The frame as written: secrets removed, audio elided unless kept. */
    static JsonNode redact(JsonNode frame, boolean keepAudio) {
        if (!frame.isObject()) {
            return frame;
        }
        ObjectNode copy = ((ObjectNode) frame).deepCopy();
        if (!keepAudio) {
            for (String field : List.of("audio", "delta")) {
                if (copy.path(field).isTextual() && copy.path("type").asText().contains("audio") && !copy.path("type").asText().contains("transcript")) {
                    copy.put(field, "<" + copy.path(field).asText().length() + " base64 chars redacted>");
                }
            }
        }
        copy.remove(List.of("api-key", "api_key", "token", "access_token", "authorization"));
        return copy;
    }

    public static List<Frame> read(Path file) {
        try {
            List<Frame> frames = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    frames.add(Json.MAPPER.readValue(line, Frame.class));
                }
            }
            return frames;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cassette " + file + ": " + e.getMessage(), e);
        }
    }
}
