package dev.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.audio.FixtureRegistry;
import dev.engram.audio.Pcm16;
import dev.engram.audio.Wav;
import dev.engram.support.Json;
import dev.engram.simulator.voicelive.VoiceLiveSimulator;
import dev.engram.testing.JsonFrames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Turns on the raw wire: a clip added while running, odd chunk sizes, manual commit, text input, cancel. */
class VoiceLiveTurnTest {
    @TempDir
    Path fixtures;

    private VoiceLiveSimulator simulator;
    private WebSocket ws;
    private final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        if (ws != null) {
            ws.abort();
        }
        simulator.close();
    }

    private void connect() throws Exception {
        Files.copy(Path.of("audio-fixtures/voices.json"), fixtures.resolve("voices.json"));
        simulator = VoiceLiveSimulator.options().apiKey("k").fixtures(fixtures).start();
        ws = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().newWebSocketBuilder().subprotocols("realtime").header("api-key", "k")
                .buildAsync(URI.create(simulator.endpoint().replace("http", "ws") + "/voice-live/realtime?api-version=2025-10-01&model=gpt-realtime"),
                        JsonFrames.to(events::add)).get(5, TimeUnit.SECONDS);
        next("session.created");
        send("{\"type\":\"session.update\",\"session\":{\"input_audio_transcription\":{\"model\":\"azure-speech\"},\"instructions\":\"You are Sage Meridian.\"}}");
        next("session.updated");
    }

    private void send(String text) {
        ws.sendText(text, true).join();
    }

    private JsonNode next(String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            JsonNode event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event != null && event.path("type").asText().equals(type)) {
                return event;
            }
        }
        throw new AssertionError("no " + type + " within 10 s");
    }

    private void stream(Pcm16 audio, int chunkBytes) {
        byte[] pcm = audio.toBytes();
        for (int offset = 0; offset < pcm.length; offset += chunkBytes) {
            byte[] chunk = Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + chunkBytes));
            send("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(chunk) + "\"}");
        }
    }

    @Test
    void aClipDroppedInWhileRunningIsRecognisedThroughOddSizedChunks() throws Exception {
        connect();
        Pcm16 hello = new FixtureRegistry(Path.of("audio-fixtures")).byId("hello").audio();
        short[] reversed = new short[hello.samples().length];
        for (int i = 0; i < reversed.length; i++) {
            reversed[i] = hello.samples()[reversed.length - 1 - i];
        }
        Pcm16 clip = new Pcm16(reversed, Pcm16.RATE);
        Files.write(fixtures.resolve("olleh.wav"), Wav.write(clip));
        Files.writeString(fixtures.resolve("olleh.json"), "{\"id\":\"olleh\",\"transcript\":\"Olleh, backwards.\"}");

        stream(Pcm16.silence(300).append(clip).append(Pcm16.silence(900)), 1001);
        assertTrue(next("input_audio_buffer.speech_started").path("audio_start_ms").asInt() >= 0);
        next("input_audio_buffer.speech_stopped");
        assertEquals("Olleh, backwards.", next("conversation.item.input_audio_transcription.completed").path("transcript").asText());
        assertEquals("completed", next("response.done").path("response").path("status").asText());
    }

    @Test
    void aSecondTurnAfterALongSilenceFrameIsStillRecognised() throws Exception {
        connect();
        Files.copy(Path.of("audio-fixtures/en-US/hello.wav"), fixtures.resolve("hello.wav"));
        Files.copy(Path.of("audio-fixtures/en-US/hello.json"), fixtures.resolve("hello.json"));
        Pcm16 hello = new FixtureRegistry(Path.of("audio-fixtures")).byId("hello").audio();
        for (int turn = 0; turn < 2; turn++) {
            stream(hello, 8192);
            stream(Pcm16.silence(1200), Pcm16.BYTES_PER_MS * 1200); // one long frame: the VAD stops inside it
            assertEquals("Hello", next("conversation.item.input_audio_transcription.completed").path("transcript").asText(), "turn " + (turn + 1));
            next("response.done");
        }
    }

    @Test
    void unrecognisedAudioFailsTranscription() throws Exception {
        connect();
        stream(new FixtureRegistry(Path.of("audio-fixtures")).byId("noise").audio().append(Pcm16.silence(900)), 4800);
        assertEquals("audio_unintelligible", next("conversation.item.input_audio_transcription.failed").path("error").path("code").asText());
    }

    @Test
    void textInputAndTextModalityAnswerWithResponseText() throws Exception {
        connect();
        send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"What is the capital of France?\"}]}}");
        next("conversation.item.created");
        send("{\"type\":\"response.create\",\"response\":{\"modalities\":[\"text\"]}}");
        assertTrue(next("response.text.done").path("text").asText().contains("Paris"));
        assertEquals("completed", next("response.done").path("response").path("status").asText());
    }

    @Test
    void cancellingWithNothingActiveIsAnErrorAndAnActiveResponseEndsCancelled() throws Exception {
        connect();
        send("{\"type\":\"response.cancel\"}");
        assertEquals("response_cancel_not_active", next("error").path("error").path("code").asText());
        simulator.pacing("realistic");
        send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Hello\"}]}}");
        send("{\"type\":\"response.create\"}");
        next("response.audio.delta");
        send("{\"type\":\"response.cancel\"}");
        JsonNode done = next("response.done");
        assertEquals("cancelled", done.path("response").path("status").asText());
        assertEquals("client_cancelled", done.path("response").path("status_details").path("reason").asText());
    }

    @Test
    void speechOverAnAnswerEndsItCancelledBeforeTheNextTurnStarts() throws Exception {
        connect();
        Files.copy(Path.of("audio-fixtures/en-US/hello.wav"), fixtures.resolve("hello.wav"));
        Files.copy(Path.of("audio-fixtures/en-US/hello.json"), fixtures.resolve("hello.json"));
        simulator.pacing("realistic");
        send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Hello\"}]}}");
        send("{\"type\":\"response.create\"}");
        String first = next("response.audio.delta").path("response_id").asText();
        stream(new FixtureRegistry(Path.of("audio-fixtures")).byId("hello").audio().append(Pcm16.silence(1200)), 4800);
        JsonNode ended = next("response.done");
        assertEquals(first, ended.path("response").path("id").asText(), "the answer spoken over ends before the next turn's response");
        assertEquals("cancelled", ended.path("response").path("status").asText());
        assertEquals("turn_detected", ended.path("response").path("status_details").path("reason").asText());
        assertTrue(next("response.created").path("response").path("id").asText().compareTo(first) != 0, "then the new turn is answered");
    }

    @Test
    void aTooShortManualCommitIsRefused() throws Exception {
        connect();
        send("{\"type\":\"session.update\",\"session\":{\"turn_detection\":null}}");
        next("session.updated");
        stream(Pcm16.silence(40), 4800);
        send("{\"type\":\"input_audio_buffer.commit\"}");
        assertEquals("input_audio_buffer_commit_empty", next("error").path("error").path("code").asText());
    }

    @Test
    void aManualCommitWhileSpeechIsUnderWayCommitsTheItemSpeechStartedAnnounced() throws Exception {
        connect();
        short[] samples = new FixtureRegistry(Path.of("audio-fixtures")).byId("capital-of-france").audio().samples();
        stream(new Pcm16(Arrays.copyOf(samples, samples.length / 2), Pcm16.RATE), 4800); // cut mid-sentence: speech started, not stopped
        String announced = next("input_audio_buffer.speech_started").path("item_id").asText();
        send("{\"type\":\"input_audio_buffer.commit\"}");
        assertEquals(announced, next("input_audio_buffer.committed").path("item_id").asText());
    }
}
