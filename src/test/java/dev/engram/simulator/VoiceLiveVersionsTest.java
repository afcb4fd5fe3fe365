package dev.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.audio.FixtureRegistry;
import dev.engram.simulator.voicelive.Dialect;
import dev.engram.simulator.voicelive.VoiceLiveSimulator;
import dev.engram.testing.RealtimeEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every api-version speaks its own dialect on the raw wire; a spoken turn completes in each. */
class VoiceLiveVersionsTest {
    private static VoiceLiveSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = VoiceLiveSimulator.start("k");
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-05-01-preview", "2025-10-01", "2026-01-01-preview", "2026-04-10", "2026-06-01-preview", "2026-07-15", "v1"})
    void aSpokenTurnCompletesInTheVersionsDialect(String version) throws Exception {
        boolean v1 = version.equals("v1");
        Wire wire = Wire.open(version, null);
        JsonNode created = wire.next("session.created");
        assertEquals(v1, created.path("session").path("audio").path("input").isObject(), "nested session shape: " + created);
        wire.send(v1 ? "{\"type\":\"session.update\",\"session\":{\"audio\":{\"input\":{\"transcription\":{\"model\":\"azure-speech\"}}}}}"
                : "{\"type\":\"session.update\",\"session\":{\"input_audio_transcription\":{\"model\":\"azure-speech\"}}}");
        JsonNode updated = wire.next("session.updated");
        JsonNode transcription = v1 ? updated.path("session").path("audio").path("input").path("transcription") : updated.path("session").path("input_audio_transcription");
        assertEquals("azure-speech", transcription.path("model").asText(), updated.toString());
        wire.speak("capital-of-france");
        assertTrue(wire.next("conversation.item.input_audio_transcription.completed").path("transcript").asText().contains("capital of France"));
        wire.next(v1 ? "response.output_audio.delta" : "response.audio.delta");
        wire.next(v1 ? "response.output_audio_transcript.done" : "response.audio_transcript.done");
        wire.next("response.done");
        List<String> types = wire.seen();
        assertFalse(types.contains(v1 ? "response.audio.delta" : "response.output_audio.delta"), types.toString());
        assertEquals(version.equals("2026-06-01-preview"), types.contains("output_audio_buffer.started"), "output_audio_buffer events: " + types);
        wire.close();
    }

    @Test
    void anUnknownVersionIsRefusedNamingTheSupportedOnes() {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> Wire.open("2024-01-01", null));
        WebSocketHandshakeException refused = (WebSocketHandshakeException) e.getCause();
        assertEquals(400, refused.getResponse().statusCode());
        String body = String.valueOf(refused.getResponse().body());
        Dialect.versions().forEach(v -> assertTrue(body.contains(v), body));
    }

    @Test
    void v1RefusesTheTurnEventsItRemovedAndGatesPreviewFeaturesByHeader() throws Exception {
        Wire plain = Wire.open("v1", null);
        plain.next("session.created");
        plain.send("{\"type\":\"input_audio.turn.start\"}");
        assertTrue(plain.next("error").path("error").path("message").asText().contains("input_audio.turn.start"));
        plain.send("{\"type\":\"session.update\",\"session\":{\"audio\":{\"output\":{\"voice\":{\"type\":\"azure-realtime-native\",\"name\":\"ava\"}}}}}");
        assertTrue(plain.next("error").path("error").path("message").asText().contains("VoiceLive-Features: azure_realtime_native_voice"));
        plain.close();
        Wire enabled = Wire.open("v1", "azure_realtime_native_voice");
        enabled.next("session.created");
        enabled.send("{\"type\":\"session.update\",\"session\":{\"audio\":{\"output\":{\"voice\":{\"type\":\"azure-realtime-native\",\"name\":\"ava\"}}}}}");
        assertEquals("azure-realtime-native", enabled.next("session.updated").path("session").path("audio").path("output").path("voice").path("type").asText());
        enabled.close();
        Wire ga = Wire.open("2026-07-15", "smart_end_of_turn_detection");
        ga.next("session.created");
        ga.send("{\"type\":\"session.update\",\"session\":{\"turn_detection\":{\"type\":\"azure_semantic_vad\",\"end_of_utterance_detection\":{\"model\":\"smart_end_of_turn_detection\"}}}}");
        assertTrue(ga.next("error").path("error").path("message").asText().contains("not available in api-version 2026-07-15"));
        ga.close();
    }

    /** A raw client of one session. */
    private record Wire(WebSocket ws, RealtimeEvents events) {
        static Wire open(String version, String features) throws Exception {
            RealtimeEvents events = new RealtimeEvents();
            WebSocket.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().newWebSocketBuilder()
                    .subprotocols("realtime").header("api-key", "k");
            if (features != null) {
                builder.header("VoiceLive-Features", features);
            }
            WebSocket ws = builder.buildAsync(URI.create(simulator.endpoint().replace("http", "ws") + "/voice-live/realtime?api-version="
                    + version + "&model=gpt-realtime"), events.listener()).get(5, TimeUnit.SECONDS);
            return new Wire(ws, events);
        }

        void send(String text) {
            ws.sendText(text, true).join();
        }

        void speak(String fixture) {
            byte[] pcm = new FixtureRegistry(java.nio.file.Path.of("audio-fixtures")).byId(fixture).audio().toBytes();
            for (int offset = 0; offset < pcm.length; offset += 9600) {
                send("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(
                        Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + 9600))) + "\"}");
            }
            send("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(new byte[48_000]) + "\"}");
        }

        JsonNode next(String type) throws InterruptedException {
            return events.next(type);
        }

        List<String> seen() {
            return events.seen();
        }

        void close() {
            ws.abort();
        }
    }
}
