package dev.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.audio.FixtureRegistry;
import dev.engram.audio.Pcm16;
import dev.engram.simulator.voicelive.VoiceLiveSimulator;
import dev.engram.testing.RealtimeEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Session options honoured where a client can observe them: with {@code azure_deep_noise_suppression}, two seconds of
 * loud broadband noise before an utterance start no speech; without it, the noise is taken for speech and its
 * transcription fails.
 */
class VoiceLiveSessionOptionsTest {
    private static final FixtureRegistry FIXTURES = new FixtureRegistry(Path.of("audio-fixtures"));
    private VoiceLiveSimulator simulator;

    @BeforeEach
    void start() {
        simulator = VoiceLiveSimulator.start("k");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void withoutNoiseSuppressionNoiseIsTakenForSpeech() throws Exception {
        RealtimeEvents events = noiseThenQuestion("");
        JsonNode started = events.next("input_audio_buffer.speech_started");
        assertTrue(started.path("audio_start_ms").asLong() < 2_000, "speech starts inside the noise: " + started);
        events.next("conversation.item.input_audio_transcription.failed");
    }

    @Test
    void deepNoiseSuppressionKeepsNoiseFromStartingSpeech() throws Exception {
        RealtimeEvents events = noiseThenQuestion(",\"input_audio_noise_reduction\":{\"type\":\"azure_deep_noise_suppression\"}");
        JsonNode started = events.next("input_audio_buffer.speech_started");
        assertTrue(started.path("audio_start_ms").asLong() >= 2_000, "speech starts after the noise: " + started);
        JsonNode transcript = events.next("conversation.item.input_audio_transcription.completed");
        assertEquals("What is the capital of France?", transcript.path("transcript").asText(), transcript.toString());
        assertTrue(!events.seen().contains("conversation.item.input_audio_transcription.failed"), "nothing failed: " + events.seen());
    }

    private RealtimeEvents noiseThenQuestion(String option) throws Exception {
        RealtimeEvents events = new RealtimeEvents();
        WebSocket ws = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().newWebSocketBuilder().subprotocols("realtime")
                .header("api-key", "k").buildAsync(URI.create(simulator.endpoint().replace("http", "ws")
                        + "/voice-live/realtime?api-version=2025-10-01&model=gpt-realtime"), events.listener()).get(5, TimeUnit.SECONDS);
        ws.sendText("{\"type\":\"session.update\",\"session\":{\"input_audio_transcription\":{\"model\":\"azure-speech\"}" + option + "}}", true).join();
        events.next("session.updated");
        Pcm16 audio = FIXTURES.byId("noise").audio().append(Pcm16.silence(800))
                .append(FIXTURES.byId("capital-of-france").audio()).append(Pcm16.silence(1200));
        short[] samples = audio.samples();
        for (int from = 0; from < samples.length; from += 4096) {
            Pcm16 chunk = new Pcm16(Arrays.copyOfRange(samples, from, Math.min(samples.length, from + 4096)), Pcm16.RATE);
            ws.sendText("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(chunk.toBytes()) + "\"}", true).join();
        }
        return events;
    }
}
