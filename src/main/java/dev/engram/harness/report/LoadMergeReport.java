package dev.engram.harness.report;

import java.util.List;
import java.util.Locale;

/** The merged load's HTML summary: verdict, rules, per-shard counts and a latency chart, self-contained (inline SVG). */
public final class LoadMergeReport {
    private static final List<String> PERCENTILES = List.of("p50", "p90", "p95", "p99", "max");

    private LoadMergeReport() {}

    public static String html(LoadMerge.Result r) {
        StringBuilder out = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Engram load ")
                .append(esc(r.profile())).append("</title><style>body{font:14px system-ui,sans-serif;margin:2em;max-width:60em}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}"
                        + ".PASS{color:#1a7f37}.FAIL{color:#cf222e}</style></head><body>");
        out.append("<h1>Load ").append(esc(r.profile())).append(", ").append(r.shards()).append(" shard(s): <span class=\"")
                .append(r.verdict()).append("\">").append(r.verdict()).append("</span></h1><h2>Rules</h2><table><tr><th>rule</th><th>held</th><th>detail</th></tr>");
        r.rules().forEach(rule -> out.append("<tr><td>").append(esc(rule.rule())).append("</td><td class=\"").append(rule.passed() ? "PASS\">yes" : "FAIL\">no")
                .append("</td><td>").append(esc(rule.detail())).append("</td></tr>"));
        out.append("</table><h2>Latency (ms)</h2>").append(chart("chat, from the moment the injection schedule started it", r.chat()))
                .append(chart("voice turn, end of speech to the complete answer", r.voiceTurn()));
        out.append("<h2>Shards</h2><table><tr><th>shard</th><th>target</th><th>chats ok</th><th>chats failed</th><th>voice ok</th><th>voice failed</th><th>Gatling</th></tr>");
        r.parts().forEach(p -> out.append("<tr><td>").append(esc(p.shard())).append("</td><td>").append(esc(p.target())).append("</td><td>").append(p.chatOk())
                .append("</td><td>").append(p.chatFailed()).append("</td><td>").append(p.voiceOk()).append("</td><td>").append(p.voiceFailed())
                .append("</td><td>").append(p.gatlingStatus() == 0 ? "assertions held" : "assertions failed").append("</td></tr>"));
        return out.append("</table></body></html>\n").toString();
    }

    /** Horizontal bars for p50..max, scaled to the max. */
    private static String chart(String title, LoadMerge.Latency latency) {
        long[] values = {latency.p50(), latency.p90(), latency.p95(), latency.p99(), latency.max()};
        long top = Math.max(1, latency.max());
        StringBuilder svg = new StringBuilder("<h3>").append(esc(title)).append(" (").append(latency.count()).append(" samples)</h3>")
                .append("<svg role=\"img\" aria-label=\"").append(esc(title)).append("\" width=\"520\" height=\"").append(values.length * 24 + 4).append("\">");
        for (int i = 0; i < values.length; i++) {
            long width = Math.round(400.0 * values[i] / top);
            svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text><rect x=\"40\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"#0969da\"/>"
                    + "<text x=\"%d\" y=\"%d\">%d</text>", i * 24 + 16, PERCENTILES.get(i), i * 24 + 3, width, 46 + width, i * 24 + 16, values[i]));
        }
        return svg.append("</svg>").toString();
    }

    private static String esc(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
