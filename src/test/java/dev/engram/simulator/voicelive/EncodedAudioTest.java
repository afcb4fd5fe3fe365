package dev.engram.simulator.voicelive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.engram.audio.Pcm16;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An answer clip is cut and encoded once: the deltas hold exactly the clip, and later answers reuse them. */
class EncodedAudioTest {
    @Test
    void theDeltasHoldTheWholeClipInOrderAndAreEncodedOnce() {
        short[] samples = new short[Pcm16.RATE / 4 + 7]; // 250 ms and 7 samples: the last delta is short
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (i * 31);
        }
        Pcm16 clip = new Pcm16(samples, Pcm16.RATE);
        List<EncodedAudio.Delta> deltas = EncodedAudio.deltas(clip, Pcm16.BYTES_PER_MS * 100);

        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        deltas.forEach(d -> joined.writeBytes(Base64.getDecoder().decode(d.base64())));
        assertArrayEquals(clip.toBytes(), joined.toByteArray());
        assertEquals(List.of(100L, 100L, 50L), deltas.stream().map(EncodedAudio.Delta::millis).toList());
        assertSame(deltas, EncodedAudio.deltas(clip, Pcm16.BYTES_PER_MS * 100));
    }
}
