package dev.engram.harness.report;

import java.util.List;
import java.util.Map;

/** The merged load's HTML summary, from {@code load/merge.peb}: verdict, rules, a latency chart and the shards. */
public final class LoadMergeReport {
    private LoadMergeReport() {}

    /** One bar of a chart: a percentile's value, scaled to the chart's maximum. */
    public record Bar(String label, long ms, long width, int y) {}

    /** A metric's p50 to max as horizontal bars. */
    public record Chart(String title, long samples, List<Bar> bars) {
        static Chart of(String title, LoadMerge.Latency latency) {
            long[] values = {latency.p50(), latency.p90(), latency.p95(), latency.p99(), latency.max()};
            String[] labels = {"p50", "p90", "p95", "p99", "max"};
            long top = Math.max(1, latency.max());
            List<Bar> bars = new java.util.ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                bars.add(new Bar(labels[i], values[i], Math.round(400.0 * values[i] / top), i * 24 + 3));
            }
            return new Chart(title, latency.count(), bars);
        }
    }

    public static String html(LoadMerge.Result r) {
        return Html.render("load/merge.peb", Map.of("r", r, "charts", List.of(
                Chart.of("chat, from the moment the injection schedule started it", r.chat()),
                Chart.of("voice turn, end of speech to the complete answer", r.voiceTurn()))));
    }
}
