package dev.engram.testing;

import java.util.List;

/** Nearest-rank percentiles of a sorted sample, for the benchmarks. */
public final class Percentiles {
    private Percentiles() {}

    public static long of(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
