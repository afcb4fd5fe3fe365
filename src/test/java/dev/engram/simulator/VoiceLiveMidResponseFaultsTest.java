package dev.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.simulator.voicelive.VoiceLiveSimulator;
import dev.engram.testing.RealtimeEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** VoiceLive's mid-response events, armed over the admin route: a warning the turn survives, an error that fails it. */
class VoiceLiveMidResponseFaultsTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aWarningGoesOutBetweenAudioDeltasAndTheResponseCompletes() throws Exception {
        try (VoiceLiveSimulator simulator = VoiceLiveSimulator.start("k")) {
            arm(simulator, "warning-mid-response");
            RealtimeEvents events = turn(simulator, "2026-01-01-preview");
            JsonNode warning = events.next("warning");
            assertEquals("audio_output_degraded", warning.path("warning").path("code").asText(), warning.toString());
            JsonNode done = events.next("response.done");
            assertEquals("completed", done.path("response").path("status").asText(), done.toString());
            List<String> seen = events.seen();
            assertTrue(seen.indexOf("response.audio.delta") < seen.indexOf("warning"), "the warning follows the first audio: " + seen);
        }
    }

    @Test
    void anErrorFailsTheResponseAndNothingOfItFollows() throws Exception {
        try (VoiceLiveSimulator simulator = VoiceLiveSimulator.start("k")) {
            arm(simulator, "error-mid-response");
            RealtimeEvents events = turn(simulator, "2025-10-01");
            JsonNode error = events.next("error");
            assertEquals("server_error", error.path("error").path("type").asText(), error.toString());
            JsonNode done = events.next("response.done");
            assertEquals("failed", done.path("response").path("status").asText(), done.toString());
            assertEquals("server_error", done.path("response").path("status_details").path("error").path("type").asText(), done.toString());
            List<String> seen = events.seen();
            assertFalse(seen.subList(seen.indexOf("error"), seen.size()).contains("response.audio.delta"), "no audio after the error: " + seen);
            assertFalse(seen.contains("response.audio_transcript.done"), "a failed response has no transcript done: " + seen);
        }
    }

    @Test
    void aServerErrorCloseEndsTheSocketWith1011MidResponse() throws Exception {
        try (VoiceLiveSimulator simulator = VoiceLiveSimulator.start("k")) {
            arm(simulator, "close-1011-mid-response");
            java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
            RealtimeEvents events = turn(simulator, "2025-10-01", closed);
            events.next("response.audio.delta");
            assertEquals(1011, closed.get(10, TimeUnit.SECONDS));
            assertFalse(events.seen().contains("response.done"), "the response never finished: " + events.seen());
        }
    }

    @Test
    void aStalledResponseStopsWithoutEndingAndTheSessionStaysUsable() throws Exception {
        try (VoiceLiveSimulator simulator = VoiceLiveSimulator.start("k")) {
            arm(simulator, "stall-mid-response");
            java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
            RealtimeEvents events = turn(simulator, "2025-10-01", closed);
            events.next("response.audio.delta");
            assertThrows(AssertionError.class, () -> events.next("response.done"), "a stalled response never finishes");
            assertFalse(closed.isDone(), "the socket stays open");
        }
    }

    @Test
    void aVersionWithoutWarningsNeverSendsOne() throws Exception {
        try (VoiceLiveSimulator simulator = VoiceLiveSimulator.start("k")) {
            arm(simulator, "warning-mid-response");
            RealtimeEvents events = turn(simulator, "2025-10-01");
            events.next("response.done");
            assertFalse(events.seen().contains("warning"), "2025-10-01 has no warning event: " + events.seen());
        }
    }

    @Test
    void anUnknownFaultIsA404NamingTheKnownOnes() throws Exception {
        try (VoiceLiveSimulator simulator = VoiceLiveSimulator.start("k")) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(simulator.endpoint() + "/__admin/fault/nope"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, r.statusCode());
            assertTrue(r.body().contains("error-mid-response"), r.body());
        }
    }

    private static void arm(VoiceLiveSimulator simulator, String fault) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(simulator.endpoint() + "/__admin/fault/" + fault))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, r.statusCode(), r.body());
    }

    /** A text turn asking for a spoken answer. */
    private static RealtimeEvents turn(VoiceLiveSimulator simulator, String version) throws Exception {
        return turn(simulator, version, new java.util.concurrent.CompletableFuture<>());
    }

    private static RealtimeEvents turn(VoiceLiveSimulator simulator, String version, java.util.concurrent.CompletableFuture<Integer> closed) throws Exception {
        RealtimeEvents events = new RealtimeEvents();
        WebSocket.Listener frames = events.listener();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public java.util.concurrent.CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                return frames.onText(socket, data, last);
            }

            @Override
            public java.util.concurrent.CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                closed.complete(code);
                return null;
            }
        };
        WebSocket ws = HTTP.newWebSocketBuilder().subprotocols("realtime").header("api-key", "k")
                .buildAsync(URI.create(simulator.endpoint().replace("http", "ws") + "/voice-live/realtime?api-version=" + version
                        + "&model=gpt-realtime"), listener).get(5, TimeUnit.SECONDS);
        events.next("session.created");
        ws.sendText("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"What is the capital of France?\"}]}}", true).join();
        ws.sendText("{\"type\":\"response.create\",\"response\":{\"modalities\":[\"text\",\"audio\"]}}", true).join();
        return events;
    }
}
