package dev.engram.simulator.voicelive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.audio.Pcm16;

/**
 * Server VAD from audio energy, in the input's own time (sample offsets, not wall clock): speech starts after
 * 60 ms of frames above the threshold and stops after {@code silence_duration_ms} below it. The threshold (0-1)
 * maps to -60..-20 dBFS.
 */
final class VoiceActivity {
    interface Listener {
        void speechStarted(long audioStartMs);

        void speechStopped(long audioEndMs);
    }

    private static final int FRAME_MS = 20;
    private static final int FRAME = Pcm16.RATE * FRAME_MS / 1000;
    private static final int START_FRAMES = 3;
    /** With noise suppression on, speech starts only on voiced frames: broadband noise crosses zero more often. */
    private static final double VOICED_MAX_ZCR = 0.14;

    private final Listener listener;
    private short[] pending = new short[0];
    private long receivedMs;
    private boolean speaking;
    private int speechRun;
    private long runStartMs;
    private long lastSpeechEndMs;
    private long silenceMs;

    VoiceActivity(Listener listener) {
        this.listener = listener;
    }

    long receivedMs() {
        return receivedMs;
    }

    boolean speaking() {
        return speaking;
    }

    /**
     * Feeds appended audio; {@code turnDetection} is the session's current setting (null: no VAD). With
     * {@code suppressNoise} (the session's {@code input_audio_noise_reduction}, e.g. {@code azure_deep_noise_suppression})
     * loud noise that is not voiced never starts speech.
     */
    void feed(Pcm16 audio, JsonNode turnDetection, long bufferStartMs, boolean suppressNoise) {
        short[] all = new short[pending.length + audio.samples().length];
        System.arraycopy(pending, 0, all, 0, pending.length);
        System.arraycopy(audio.samples(), 0, all, pending.length, audio.samples().length);
        int frames = all.length / FRAME;
        boolean vad = turnDetection != null && turnDetection.isObject() && turnDetection.path("type").asText("").contains("vad");
        double threshold = 32768 * Math.pow(10, (-60 + 40 * turnDetection(turnDetection, "threshold", 0.5)) / 20);
        long prefixMs = (long) turnDetection(turnDetection, "prefix_padding_ms", 300);
        long silenceLimit = (long) turnDetection(turnDetection, "silence_duration_ms", 500);
        Pcm16 whole = new Pcm16(all, Pcm16.RATE);
        for (int i = 0; i < frames; i++) {
            long frameStart = receivedMs;
            receivedMs += FRAME_MS;
            if (!vad) {
                continue;
            }
            boolean loud = whole.rms(i * FRAME, (i + 1) * FRAME) >= threshold
                    && (speaking || !suppressNoise || whole.zeroCrossingRate(i * FRAME, (i + 1) * FRAME) < VOICED_MAX_ZCR);
            if (!speaking) {
                speechRun = loud ? speechRun + 1 : 0;
                if (speechRun == 1) {
                    runStartMs = frameStart;
                }
                if (speechRun >= START_FRAMES) {
                    speaking = true;
                    silenceMs = 0;
                    lastSpeechEndMs = receivedMs;
                    listener.speechStarted(Math.max(bufferStartMs, runStartMs - prefixMs));
                }
            } else if (loud) {
                silenceMs = 0;
                lastSpeechEndMs = receivedMs;
            } else {
                silenceMs += FRAME_MS;
                if (silenceMs >= silenceLimit) {
                    speaking = false;
                    speechRun = 0;
                    listener.speechStopped(lastSpeechEndMs);
                }
            }
        }
        pending = new short[all.length - frames * FRAME];
        System.arraycopy(all, frames * FRAME, pending, 0, pending.length);
    }

    void reset() {
        speaking = false;
        speechRun = 0;
        silenceMs = 0;
    }

    private static double turnDetection(JsonNode node, String field, double fallback) {
        return node != null && node.path(field).isNumber() ? node.path(field).asDouble() : fallback;
    }
}
