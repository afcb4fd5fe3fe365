package dev.engram.audio;

import java.util.Arrays;

/**
 * A speech clip's loudness contour: 10 ms frames in dB, trimmed of leading and trailing silence, with the mean
 * removed. It recognises a clip however it was chunked, padded with silence or (moderately) amplified.
 */
public final class Fingerprint {
    private static final int FRAME = Pcm16.RATE / 100;
    private static final int POINTS = 64;
    private static final double SILENCE_BELOW_PEAK_DB = 35;
    private static final double ABSOLUTE_FLOOR_DB = 30;

    private final double[] contour;
    private final int frames;

    private Fingerprint(double[] contour, int frames) {
        this.contour = contour;
        this.frames = frames;
    }

    public static Fingerprint of(Pcm16 audio) {
        int count = audio.samples().length / FRAME;
        double[] db = new double[count];
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            db[i] = 20 * Math.log10(audio.rms(i * FRAME, (i + 1) * FRAME) + 1);
            peak = Math.max(peak, db[i]);
        }
        double floor = Math.max(peak - SILENCE_BELOW_PEAK_DB, ABSOLUTE_FLOOR_DB);
        int first = 0;
        while (first < count && db[first] < floor) {
            first++;
        }
        int last = count - 1;
        while (last >= first && db[last] < floor) {
            last--;
        }
        if (last < first) {
            return new Fingerprint(new double[0], 0);
        }
        double[] voiced = Arrays.copyOfRange(db, first, last + 1);
        for (int i = 0; i < voiced.length; i++) {
            voiced[i] = Math.max(voiced[i], floor);
        }
        double[] pooled = pool(voiced);
        double mean = Arrays.stream(pooled).average().orElse(0);
        for (int i = 0; i < pooled.length; i++) {
            pooled[i] -= mean;
        }
        return new Fingerprint(pooled, voiced.length);
    }

    public boolean isSilent() {
        return frames == 0;
    }

    /** Mean absolute difference of the contours in dB; infinite when lengths differ by more than 15 %. */
    public double distance(Fingerprint other) {
        if (isSilent() || other.isSilent()) {
            return Double.POSITIVE_INFINITY;
        }
        double ratio = (double) frames / other.frames;
        if (ratio < 0.85 || ratio > 1.18) {
            return Double.POSITIVE_INFINITY;
        }
        double sum = 0;
        for (int i = 0; i < POINTS; i++) {
            sum += Math.abs(contour[i] - other.contour[i]);
        }
        return sum / POINTS;
    }

    private static double[] pool(double[] values) {
        double[] out = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            int from = (int) ((long) i * values.length / POINTS);
            int to = Math.max(from + 1, (int) ((long) (i + 1) * values.length / POINTS));
            double sum = 0;
            for (int j = from; j < to && j < values.length; j++) {
                sum += values[j];
            }
            out[i] = sum / Math.max(1, Math.min(to, values.length) - from);
        }
        return out;
    }
}
