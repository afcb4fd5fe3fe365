package dev.engram.harness.check;

import dev.engram.audio.Fingerprint;
import dev.engram.audio.Fixture;
import dev.engram.audio.FixtureRegistry;
import dev.engram.audio.Pcm16;
import java.util.Comparator;

/** Whose voice an answer is in: the recorded voice whose fixtures' spectral fingerprint is closest to the audio. */
public final class VoiceIdentity {
    /** The closest fixture, its recorded voice, and how far the audio is from it (dB). */
    public record Match(String fixture, String voice, double distance) {
        public boolean is(String recordedVoice) {
            return distance < 3.0 && recordedVoice.equals(voice);
        }

        @Override
        public String toString() {
            return "audio closest to " + fixture + " in voice " + voice + " (distance " + String.format("%.2f", distance) + " dB)";
        }
    }

    private VoiceIdentity() {}

    public static Match of(Pcm16 audio, FixtureRegistry fixtures) {
        Fingerprint heard = Fingerprint.of(audio);
        Fixture closest = fixtures.all().stream()
                .filter(f -> f.voice() != null && f.fingerprint() != null)
                .min(Comparator.comparingDouble(f -> f.fingerprint().distance(heard)))
                .orElseThrow();
        return new Match(closest.id(), closest.voice(), closest.fingerprint().distance(heard));
    }
}
