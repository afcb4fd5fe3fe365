package dev.engram.audio;

import java.nio.file.Path;

/** One clip of {@code audio-fixtures/}: its sidecar's id, transcript and voice, and the audio itself. */
public record Fixture(String id, String transcript, String voice, Path wav, Pcm16 audio, Fingerprint fingerprint) {
    public boolean speaks() {
        return transcript != null && !transcript.isBlank();
    }
}
