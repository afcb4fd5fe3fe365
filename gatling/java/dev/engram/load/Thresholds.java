package dev.engram.load;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.engram.support.Json;
import java.io.IOException;
import java.nio.file.Path;

/** The limits the load assertions enforce, as data in {@code gatling/data/thresholds.json} (SOP 6.6 first). */
public record Thresholds(
        @JsonProperty("chat_p95_ms") int chatP95Ms,
        @JsonProperty("voice_error_rate_percent") double voiceErrorRatePercent,
        @JsonProperty("voice_transcript_lag_p95_ms") int voiceTranscriptLagP95Ms,
        @JsonProperty("voice_first_audio_p95_ms") int voiceFirstAudioP95Ms,
        @JsonProperty("delivered_rate_min_fraction") double deliveredRateMinFraction) {

    public static Thresholds load() {
        try {
            return Json.MAPPER.readValue(Path.of("gatling/data/thresholds.json").toFile(), Thresholds.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read gatling/data/thresholds.json: " + e.getMessage());
        }
    }
}
