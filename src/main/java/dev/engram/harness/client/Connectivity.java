package dev.engram.harness.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.engram.support.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A backend's {@code GET /connectivity/test} and the connection state in {@code /api/v1/voice/status}, typed. */
public final class Connectivity {
    private Connectivity() {}

    /** One dependency's probe. */
    public record Check(String name, String status, @JsonProperty("latency_ms") long latencyMs, String endpoint, String proxy, String issue) {}

    /** One state the voice link entered. */
    public record LinkState(String state, int attempt, Instant since, String message) {}

    /** The voice link: its current state and the states it went through. */
    public record Link(String state, int attempt, Instant since, List<LinkState> history) {}

    public record Report(String status, @JsonProperty("container_app_name") String containerAppName,
            @JsonProperty("in_container") boolean inContainer, List<Check> checks, @JsonProperty("voice_link") Link voiceLink) {

        public Optional<Check> check(String namePrefix) {
            return checks.stream().filter(c -> c.name().startsWith(namePrefix)).findFirst();
        }
    }

    private record VoiceStatus(Link connection, @JsonProperty("container_app_name") String containerAppName) {}

    public static Report report(String api) {
        return read(Http.get(api + "/connectivity/test"), Report.class, api + "/connectivity/test");
    }

    public static Link link(String api) {
        return read(Http.get(api + "/api/v1/voice/status"), VoiceStatus.class, api + "/api/v1/voice/status").connection();
    }

    public static String containerAppName(String api) {
        return read(Http.get(api + "/api/v1/voice/status"), VoiceStatus.class, api + "/api/v1/voice/status").containerAppName();
    }

    private static <T> T read(ApiResponse reply, Class<T> type, String what) {
        try {
            return Json.MAPPER.readValue(reply.body(), type);
        } catch (Exception e) {
            throw new AssertionError(what + " answered " + reply.status() + " with no readable JSON: " + reply.body());
        }
    }
}
