package dev.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.harness.client.ApiResponse;
import dev.engram.harness.client.Http;
import dev.engram.simulator.voicelive.VoiceLiveSimulator;
import dev.engram.support.Waits;
import dev.engram.testing.JsonFrames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code GET /__admin/log?since=}: a scenario reads only its own frames; a malformed instant is a JSON 400. */
class VoiceLiveAdminLogTest {
    @Test
    void sinceReturnsOnlyTheFramesFromThatInstantOn() throws Exception {
        try (VoiceLiveSimulator simulator = VoiceLiveSimulator.start("k")) {
            open(simulator).abort();
            Waits.until(() -> sessions(simulator, null).size(), n -> n == 1, Duration.ofSeconds(5));
            Instant between = Instant.now();
            open(simulator).abort();
            assertEquals(2, Waits.until(() -> sessions(simulator, null).size(), n -> n == 2, Duration.ofSeconds(5)), "two sessions logged");
            assertEquals(1, sessions(simulator, between).size(), "only the second session's frames are at or after " + between);

            ApiResponse bad = Http.get(simulator.endpoint() + "/__admin/log?since=yesterday");
            assertEquals(400, bad.status());
            assertTrue(bad.body().contains("invalid_since") && bad.body().contains("'yesterday'"), bad.body());
        }
    }

    private static Set<String> sessions(VoiceLiveSimulator simulator, Instant since) {
        Set<String> ids = new HashSet<>();
        Http.get(simulator.endpoint() + "/__admin/log" + (since == null ? "" : "?since=" + since)).json().forEach(f -> ids.add(f.path("session").asText()));
        return ids;
    }

    private static WebSocket open(VoiceLiveSimulator simulator) throws Exception {
        java.util.concurrent.LinkedBlockingQueue<JsonNode> events = new java.util.concurrent.LinkedBlockingQueue<>();
        WebSocket ws = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().newWebSocketBuilder().header("api-key", "k")
                .buildAsync(URI.create(simulator.endpoint().replaceFirst("^http", "ws") + "/voice-live/realtime?api-version=2025-10-01&model=gpt-realtime"),
                        JsonFrames.to(events::add)).get(5, TimeUnit.SECONDS);
        events.poll(5, TimeUnit.SECONDS); // session.created
        return ws;
    }
}
