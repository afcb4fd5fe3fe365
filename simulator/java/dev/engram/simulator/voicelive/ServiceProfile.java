package dev.engram.simulator.voicelive;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.support.Json;
import java.util.List;

/** What the simulated VoiceLive resource supports, from {@code simulator/data/voicelive/service.json}. */
public record ServiceProfile(
        List<String> models,
        @JsonProperty("max_frame_bytes") long maxFrameBytes,
        @JsonProperty("transcription_fallback") String transcriptionFallback,
        @JsonProperty("unheard_answer") String unheardAnswer,
        @JsonProperty("silence_without_clip_ms") int silenceWithoutClipMs,
        @JsonProperty("default_session") ObjectNode defaultSession) {

    public static ServiceProfile load() {
        return Json.resource("simulator/voicelive/service.json", ServiceProfile.class);
    }
}
