package dev.engram.simulator.voicelive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.audio.Pcm16;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A session's input audio buffer and its server VAD, in the audio's own time: appended chunks of any size (a sample
 * split across two appends is completed by the next), the utterance between the VAD's start and stop, a commit of all
 * of it, a clear. The VAD reports to the session, which sends the events.
 */
final class InputBuffer {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final VoiceActivity vad;
    private long startMs;
    private byte[] carry = new byte[0];

    InputBuffer(VoiceActivity.Listener listener) {
        this.vad = new VoiceActivity(listener);
    }

    /** Appends audio; PCM16 is also fed to the VAD under the session's turn detection and noise suppression. */
    void append(byte[] bytes, boolean pcm16, JsonNode turnDetection, boolean suppressNoise) {
        buffer.writeBytes(bytes);
        if (!pcm16) {
            return;
        }
        byte[] samples = bytes;
        if (carry.length > 0 || bytes.length % 2 != 0) { // a sample split across appends: join, keep the odd byte
            byte[] joined = new byte[carry.length + bytes.length];
            System.arraycopy(carry, 0, joined, 0, carry.length);
            System.arraycopy(bytes, 0, joined, carry.length, bytes.length);
            int whole = joined.length - joined.length % 2;
            carry = Arrays.copyOfRange(joined, whole, joined.length);
            samples = Arrays.copyOf(joined, whole);
        }
        vad.feed(Pcm16.fromBytes(samples, Pcm16.RATE), turnDetection, startMs, suppressNoise);
    }

    /**
     * The utterance from {@code fromMs} to {@code toMs}, taken out of the buffer; what arrived after the stop point (the
     * rest of the frame being analysed) stays, so later offsets stay aligned.
     */
    byte[] takeUtterance(long fromMs, long toMs) {
        byte[] all = buffer.toByteArray();
        int from = (int) Math.min(all.length, Math.max(0, (fromMs - startMs) * Pcm16.BYTES_PER_MS));
        int to = (int) Math.min(all.length, Math.max(from, (toMs - startMs) * Pcm16.BYTES_PER_MS));
        byte[] utterance = Arrays.copyOfRange(all, from - from % 2, to - to % 2);
        int keepFrom = (int) Math.min(all.length, (vad.receivedMs() - startMs) * Pcm16.BYTES_PER_MS);
        buffer.reset();
        buffer.write(all, keepFrom, all.length - keepFrom);
        startMs = vad.receivedMs();
        return utterance;
    }

    /** All the buffered audio, whole samples only (a commit). */
    byte[] all() {
        byte[] audio = buffer.toByteArray();
        return Arrays.copyOf(audio, audio.length - audio.length % 2);
    }

    /** Empties the buffer, keeping a half-received sample so later audio stays sample-aligned, and resets the VAD. */
    void clear() {
        buffer.reset();
        buffer.writeBytes(carry);
        startMs = vad.receivedMs();
        vad.reset();
    }

    boolean speaking() {
        return vad.speaking();
    }
}
