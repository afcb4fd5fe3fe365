package dev.engram.simulator.voicelive;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.engram.support.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How fast the simulated service talks, as data ({@code simulator/data/voicelive/pacing.json}): {@code fast} for
 * tests (frames at least 5 ms apart, the SDK reorders closer ones), {@code realistic} (audio at real time, a
 * response latency like the service's), {@code degraded} (slow and jittery).
 */
public record Pacing(
        @JsonProperty("min_gap_ms") long minGapMs,
        @JsonProperty("response_latency_ms") long responseLatencyMs,
        @JsonProperty("audio_realtime") boolean audioRealtime,
        @JsonProperty("audio_chunk_ms") int audioChunkMs,
        @JsonProperty("jitter_ms") long jitterMs) {

    private static final Map<String, Pacing> PROFILES = load();

    public static Pacing named(String name) {
        Pacing pacing = PROFILES.get(name);
        if (pacing == null) {
            throw new IllegalArgumentException("unknown pacing profile '" + name + "'; known: " + PROFILES.keySet());
        }
        return pacing;
    }

    /** The pause before an audio delta of {@code chunkMs}: real time (plus jitter) or none. */
    long beforeAudio(long chunkMs) {
        return audioRealtime ? chunkMs + jitter() : 0;
    }

    long beforeResponse() {
        return responseLatencyMs + jitter();
    }

    private long jitter() {
        return jitterMs <= 0 ? 0 : ThreadLocalRandom.current().nextLong(jitterMs + 1);
    }

    private static Map<String, Pacing> load() {
        try (InputStream in = Pacing.class.getClassLoader().getResourceAsStream("simulator/voicelive/pacing.json")) {
            if (in == null) {
                throw new IllegalStateException("missing data file on the classpath: simulator/voicelive/pacing.json");
            }
            return Json.MAPPER.readValue(in, new TypeReference<Map<String, Pacing>>() {});
        } catch (IOException e) {
            throw new IllegalStateException("simulator/voicelive/pacing.json is malformed: " + e.getMessage(), e);
        }
    }
}
