package dev.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.cognitiveservices.speech.CancellationDetails;
import com.microsoft.cognitiveservices.speech.ResultReason;
import com.microsoft.cognitiveservices.speech.SpeechConfig;
import com.microsoft.cognitiveservices.speech.SpeechRecognitionResult;
import com.microsoft.cognitiveservices.speech.SpeechRecognizer;
import com.microsoft.cognitiveservices.speech.audio.AudioConfig;
import dev.engram.simulator.speech.SpeechContainerSimulator;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Speech SDK (1.46.0, its native library) recognises speech through the Speech container simulator, as a
 * worker in container mode does ({@code SpeechConfig.fromHost(SPEECH_CONTAINER_HOST)}): the audio fixtures come back
 * as their transcripts, and noise as NoMatch.
 */
class SpeechContainerSdkTest {
    private static SpeechContainerSimulator container;

    @BeforeAll
    static void start() {
        container = SpeechContainerSimulator.start(Path.of("audio-fixtures"));
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    @Test
    void theSdkRecognisesAFixtureThroughTheContainer() throws Exception {
        SpeechRecognitionResult result = recogniseOnce("capital-of-france");
        assertEquals(ResultReason.RecognizedSpeech, result.getReason(), describe(result));
        assertEquals("What is the capital of France?", result.getText());
        assertTrue(result.getDuration().longValue() > 5_000_000L, "a duration over half a second, in 100-ns ticks: " + result.getDuration());
    }

    @Test
    void noiseIsNoMatch() throws Exception {
        SpeechRecognitionResult result = recogniseOnce("noise");
        assertEquals(ResultReason.NoMatch, result.getReason(), describe(result));
    }

    @Test
    void continuousRecognitionGivesOnePhrasePerUtterance() throws Exception {
        dev.engram.audio.FixtureRegistry fixtures = new dev.engram.audio.FixtureRegistry(Path.of("audio-fixtures"));
        Path wav = java.nio.file.Files.createTempFile("two-utterances", ".wav");
        java.nio.file.Files.write(wav, dev.engram.audio.Wav.write(fixtures.byId("capital-of-france").audio().append(dev.engram.audio.Pcm16.silence(1000))
                .append(fixtures.byId("hello").audio()).append(dev.engram.audio.Pcm16.silence(1000))));
        java.util.List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture<Void> stopped = new java.util.concurrent.CompletableFuture<>();
        SpeechConfig config = SpeechConfig.fromHost(new URI(container.host()));
        try (AudioConfig audio = AudioConfig.fromWavFileInput(wav.toString()); SpeechRecognizer recognizer = new SpeechRecognizer(config, audio)) {
            recognizer.recognized.addEventListener((source, e) -> {
                if (e.getResult().getReason() == ResultReason.RecognizedSpeech) {
                    heard.add(e.getResult().getText());
                }
            });
            recognizer.sessionStopped.addEventListener((source, e) -> stopped.complete(null));
            recognizer.canceled.addEventListener((source, e) -> stopped.complete(null));
            recognizer.startContinuousRecognitionAsync().get(10, TimeUnit.SECONDS);
            stopped.get(30, TimeUnit.SECONDS);
            recognizer.stopContinuousRecognitionAsync().get(10, TimeUnit.SECONDS);
        } finally {
            java.nio.file.Files.deleteIfExists(wav);
        }
        assertEquals(java.util.List.of("What is the capital of France?", fixtures.byId("hello").transcript()), heard);
    }

    private static SpeechRecognitionResult recogniseOnce(String fixture) throws Exception {
        SpeechConfig config = SpeechConfig.fromHost(new URI(container.host()));
        config.setSpeechRecognitionLanguage("en-US");
        try (AudioConfig audio = AudioConfig.fromWavFileInput("audio-fixtures/en-US/" + fixture + ".wav");
             SpeechRecognizer recognizer = new SpeechRecognizer(config, audio)) {
            return recognizer.recognizeOnceAsync().get(30, TimeUnit.SECONDS);
        }
    }

    private static String describe(SpeechRecognitionResult result) {
        return result.getReason() == ResultReason.Canceled ? CancellationDetails.fromResult(result).toString() : result.getReason() + " " + result.getText();
    }
}
