package dev.engram.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Mono PCM16 little-endian audio at a sample rate: the only format Engram's voice path speaks (24 kHz). */
public record Pcm16(short[] samples, int sampleRate) {
    public static final int RATE = 24_000;
    public static final int BYTES_PER_MS = RATE * 2 / 1000;

    public static Pcm16 fromBytes(byte[] littleEndian, int sampleRate) {
        if (littleEndian.length % 2 != 0) {
            throw new AudioFormatException("PCM16 audio must have an even number of bytes, got " + littleEndian.length);
        }
        short[] samples = new short[littleEndian.length / 2];
        ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return new Pcm16(samples, sampleRate);
    }

    public byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asShortBuffer().put(samples);
        return buffer.array();
    }

    public long durationMs() {
        return samples.length * 1000L / sampleRate;
    }

    /** Root-mean-square amplitude of samples [from, to). */
    public double rms(int from, int to) {
        if (to <= from) {
            return 0;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    /** The share of neighbouring samples that change sign: low for voiced speech, high for broadband noise. */
    public double zeroCrossingRate(int from, int to) {
        if (to - from < 2) {
            return 0;
        }
        int crossings = 0;
        for (int i = from + 1; i < to; i++) {
            crossings += (samples[i] >= 0) != (samples[i - 1] >= 0) ? 1 : 0;
        }
        return (double) crossings / (to - from);
    }

    /** Linear-interpolation resampling; enough for speech fixtures, as SOP 9.1 says "resample if needed". */
    public Pcm16 resampledTo(int rate) {
        if (rate == sampleRate) {
            return this;
        }
        int length = (int) ((long) samples.length * rate / sampleRate);
        short[] out = new short[length];
        double step = (double) sampleRate / rate;
        for (int i = 0; i < length; i++) {
            double position = i * step;
            int left = (int) position;
            int right = Math.min(left + 1, samples.length - 1);
            double fraction = position - left;
            out[i] = (short) Math.round(samples[left] * (1 - fraction) + samples[right] * fraction);
        }
        return new Pcm16(out, rate);
    }

    public Pcm16 withGain(double factor) {
        short[] out = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(samples[i] * factor)));
        }
        return new Pcm16(out, sampleRate);
    }

    public static Pcm16 silence(int millis) {
        return new Pcm16(new short[RATE * millis / 1000], RATE);
    }

    public Pcm16 append(Pcm16 other) {
        short[] out = new short[samples.length + other.samples.length];
        System.arraycopy(samples, 0, out, 0, samples.length);
        System.arraycopy(other.samples, 0, out, samples.length, other.samples.length);
        return new Pcm16(out, sampleRate);
    }
}
