package dev.engram.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecognitionTest {
    private static final FixtureRegistry FIXTURES = new FixtureRegistry(Path.of("audio-fixtures"));

    @ParameterizedTest
    @CsvSource({"capital-of-france", "crm-migration", "hello", "requirements-dictation", "what-did-i-ask"})
    void recognisesEachPromptDespiteGainAndPadding(String id) {
        Pcm16 clip = FIXTURES.byId(id).audio();
        for (double gain : new double[] {0.5, 1.0, 1.4}) {
            Pcm16 padded = Pcm16.silence(700).append(clip.withGain(gain)).append(Pcm16.silence(1200));
            Optional<Fixture> seen = FIXTURES.recognise(padded);
            assertEquals(Optional.of(id), seen.map(Fixture::id), "gain " + gain);
        }
    }

    @Test
    void silenceAndNoiseAreNotSpeech() {
        assertTrue(FIXTURES.recognise(FIXTURES.byId("silence").audio()).isEmpty());
        assertTrue(FIXTURES.recognise(FIXTURES.byId("noise").audio()).isEmpty());
    }

    @Test
    void a16kHzClipIsResampledAndStillRecognised() {
        Pcm16 audio = Wav.readForVoice(Path.of("audio-fixtures/formats/capital-of-france-16khz.wav"));
        assertEquals(Pcm16.RATE, audio.sampleRate());
        assertEquals(Optional.of("What is the capital of France?"), FIXTURES.recognise(audio).map(Fixture::transcript));
    }

    @ParameterizedTest
    @CsvSource({"capital-of-france-stereo.wav,stereo", "capital-of-france-8bit.wav,8-bit"})
    void stereoAnd8BitAreRefusedNamingTheFormat(String file, String named) {
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> Wav.readForVoice(Path.of("audio-fixtures/formats/" + file)));
        assertTrue(e.getMessage().contains(named) && e.getMessage().contains("SOP 9.1"), e.getMessage());
    }
}
