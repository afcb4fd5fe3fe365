package dev.engram.simulator.voicelive;

import dev.engram.audio.Pcm16;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An answer's audio cut into deltas and base64-encoded once per clip and delta size, not once per answer: every session
 * that hears the same recorded answer gets the same frames, and encoding them anew was a fifth of a loaded stack's CPU.
 */
final class EncodedAudio {
    /** One delta: its base64 and how many milliseconds of audio it holds. */
    record Delta(String base64, long millis) {}

    private static final Map<Pcm16, Map<Integer, List<Delta>>> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    private EncodedAudio() {}

    /** The clip's deltas of {@code deltaBytes} each (the last may be shorter); a clip no answer holds any more is let go. */
    static List<Delta> deltas(Pcm16 audio, int deltaBytes) {
        return CACHE.computeIfAbsent(audio, clip -> new ConcurrentHashMap<>()).computeIfAbsent(deltaBytes, size -> encode(audio, size));
    }

    private static List<Delta> encode(Pcm16 audio, int deltaBytes) {
        byte[] pcm = audio.toBytes();
        List<Delta> deltas = new ArrayList<>();
        for (int offset = 0; offset < pcm.length; offset += deltaBytes) {
            byte[] piece = Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + deltaBytes));
            deltas.add(new Delta(Base64.getEncoder().encodeToString(piece), piece.length / Pcm16.BYTES_PER_MS));
        }
        return List.copyOf(deltas);
    }
}
