package dev.engram.harness.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.support.Json;

/**
 * One message the voice socket sent the browser (SOP 10.2): {@code agent_switched}, {@code transcription},
 * {@code audio}, {@code error} and whatever else a backend sends. Absent fields read as empty strings; {@code raw} is
 * the message as it came, for evidence.
 */
public record VoiceMessage(String type, String speaker, String status, String text, String message, String agentId, String format,
        String data, JsonNode raw) {

    public static VoiceMessage of(JsonNode m) {
        return new VoiceMessage(m.path("type").asText(), m.path("speaker").asText(), m.path("status").asText(), m.path("text").asText(),
                m.path("message").asText(), m.path("agent_id").asText(), m.path("format").asText(), m.path("data").asText(), m);
    }

    /** A frame that is not JSON, kept as {@code (not json)} with its text. */
    public static VoiceMessage parse(String frame) {
        try {
            return of(Json.parse(frame));
        } catch (Exception e) {
            return of(Json.object().put("type", "(not json)").put("raw", frame));
        }
    }

    public boolean is(String wanted) {
        return type.equals(wanted);
    }

    public boolean isError() {
        return is("error");
    }

    public boolean isAudio() {
        return is("audio");
    }

    /** An error that says what went wrong in a {@code message} string. */
    public boolean isExplainedError() {
        return isError() && raw.path("message").isTextual();
    }

    /** A transcription with this status, from this speaker; a transcription that names no speaker matches any. */
    public boolean isTranscription(String wantedStatus, String wantedSpeaker) {
        return is("transcription") && status.equals(wantedStatus) && (speaker.isEmpty() || speaker.equals(wantedSpeaker));
    }

    /** Spoken by the user, or not attributed: anything but the assistant. */
    public boolean fromUser() {
        return !speaker.equals("assistant");
    }

    @Override
    public String toString() {
        return raw.toString();
    }
}
