package dev.engram.reference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.support.Json;
import java.util.Base64;

/**
 * One frame from the browser on the voice socket (SOP 10.2), parsed and validated: audio (PCM16 samples), an agent
 * switch, a cancel, or a frame the socket answers with an {@code error} naming what was wrong.
 */
sealed interface BrowserFrame {
    /**
     * PCM16 audio as the browser sent it, base64 that has been checked but not decoded: VoiceLive takes base64 too, so
     * the relay passes it through (decoding and re-encoding every frame was a large share of a voice session's cost).
     */
    record Audio(String base64) implements BrowserFrame {
        byte[] pcm() {
            return Base64.getDecoder().decode(base64);
        }
    }

    record SwitchAgent(JsonNode agentId) implements BrowserFrame {}

    record Cancel() implements BrowserFrame {}

    record Invalid(String error) implements BrowserFrame {}

    int MAX_CHARS = 1_000_000;

    static BrowserFrame parse(String frame) {
        if (frame.length() > MAX_CHARS) {
            return new Invalid("message too large: " + frame.length() + " characters (limit " + MAX_CHARS + "); send audio in frames of 4096 samples");
        }
        JsonNode message;
        try {
            message = Json.parse(frame);
        } catch (Exception e) {
            return new Invalid("malformed JSON: expected {\"type\": \"audio\" | \"agent\" | \"cancel\", ...}");
        }
        String type = message.path("type").asText("");
        return switch (type) {
            case "audio" -> audio(message.path("data"));
            case "agent" -> new SwitchAgent(message.path("agent_id"));
            case "cancel" -> new Cancel();
            default -> new Invalid("unknown message type '" + type + "'; expected audio, agent or cancel");
        };
    }

    private static BrowserFrame audio(JsonNode data) {
        String base64 = data.isTextual() ? data.asText() : "";
        long bytes = Base64Text.decodedLength(base64);
        if (bytes <= 0) {
            return new Invalid("'data' must be non-empty base64 PCM16 audio (mono, 24 kHz, little-endian)");
        }
        if (bytes % 2 != 0) {
            return new Invalid("'data' is not PCM16: an odd number of bytes (" + bytes + "); send 16-bit samples, mono, 24 kHz");
        }
        if (bytes >= 12 && dev.engram.audio.Wav.isWav(Base64.getDecoder().decode(base64.substring(0, 16)))) {
            return new Invalid("'data' holds a WAV file; send raw PCM16 samples (mono, 24 kHz) without a header");
        }
        return new Audio(base64);
    }
}
