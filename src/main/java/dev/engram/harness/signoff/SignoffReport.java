package dev.engram.harness.signoff;

import dev.engram.harness.report.ScenarioResult;
import dev.engram.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes {@code signoff.html} (one self-contained file: inline CSS, SVG and evidence, no external request),
 * {@code signoff.md} and {@code signoff.json} into a run's report folder.
 */
public final class SignoffReport {
    private static final Map<String, String> COLOURS = Map.of(Signoff.PASSED, "#1a7f37", Signoff.FAILED, "#cf222e",
            Signoff.GAP, "#9a6700", Signoff.PENDING, "#8250df", Signoff.INFO, "#57606a");

    private SignoffReport() {}

    public static void write(Path folder, Signoff signoff, Evidence evidence, List<History.Run> history) {
        try {
            Files.writeString(folder.resolve("signoff.json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(signoff) + "\n");
            Files.writeString(folder.resolve("signoff.md"), markdown(signoff));
            Files.writeString(folder.resolve("signoff.html"), html(signoff, evidence, history));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sign-off report into " + folder, e);
        }
    }

    static String markdown(Signoff s) {
        StringBuilder md = new StringBuilder("# Engram UAT sign-off: ").append(cell(s.environment())).append("\n\n")
                .append("**Ready for production deployment: ").append(s.ready() ? "YES" : "NO").append("**\n\n")
                .append("| | |\n|---|---|\n| Environment | ").append(cell(s.environment())).append(" |\n| Version under test | ")
                .append(cell(s.version())).append(" |\n| Date | ").append(cell(s.date())).append(" |\n| Run | ").append(cell(s.runId())).append(" |\n\n")
                .append("| Item | SOP | Requirement | Status | Evidence |\n|---|---|---|---|---|\n");
        for (Signoff.Item item : s.items()) {
            md.append("| ").append(cell(item.id())).append(" | ").append(cell(item.section())).append(" | ").append(cell(item.text()))
                    .append(" | ").append(cell(item.status())).append(" | ").append(cell(item.detail())).append(" |\n");
        }
        return md.append("\nSigned: ______________________  Date: ____________\n").toString();
    }

    /** A Markdown table cell: every character Markdown or an HTML renderer would interpret is escaped. */
    static String cell(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : (text == null ? "" : text).toCharArray()) {
            switch (c) {
                case '\n', '\r' -> out.append(' ');
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\\', '`', '*', '_', '[', ']', '|', '#', '!' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String html(Signoff s, Evidence evidence, List<History.Run> history) {
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Engram UAT sign-off: ")
                .append(esc(s.environment())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2328;max-width:72rem}")
                .append("h1{margin-bottom:.2rem}.verdict{font-size:1.4rem;padding:.8rem 1rem;border-radius:6px;color:#fff;display:inline-block}")
                .append("table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #d0d7de;padding:.4rem .5rem;text-align:left;vertical-align:top}")
                .append("th{background:#f6f8fa}.badge{color:#fff;border-radius:4px;padding:.1rem .4rem;font-size:.85rem;white-space:nowrap}")
                .append("details{margin:.2rem 0}pre{white-space:pre-wrap;background:#f6f8fa;padding:.5rem;font-size:.8rem;max-height:20rem;overflow:auto}")
                .append("img{max-width:100%;border:1px solid #d0d7de}.meta td:first-child{font-weight:600;width:14rem}.sign{margin-top:2rem}")
                .append("</style></head><body>");
        h.append("<h1>Engram UAT sign-off</h1><p>SOP 5.5 checklist, every item traced to its evidence.</p>");
        h.append("<p class=\"verdict\" style=\"background:").append(s.ready() ? COLOURS.get(Signoff.PASSED) : COLOURS.get(Signoff.FAILED))
                .append("\">Ready for production deployment: ").append(s.ready() ? "YES" : "NO").append("</p>");
        h.append("<table class=\"meta\"><tr><td>Environment</td><td>").append(esc(s.environment())).append("</td></tr><tr><td>Version under test</td><td>")
                .append(esc(s.version())).append("</td></tr><tr><td>Date</td><td>").append(esc(s.date())).append("</td></tr><tr><td>Run</td><td>")
                .append(esc(s.runId())).append("</td></tr></table>");
        h.append("<h2>Summary by area</h2>").append(areaChart(s.areas()));
        h.append("<h2>Trend of ").append(esc(s.environment())).append(" gate runs</h2>").append(trend(history));
        h.append("<h2>Voice latency per turn</h2>").append(VoiceLatencyChart.svg(s));
        h.append("<h2>Checklist</h2><table><tr><th>Item</th><th>SOP</th><th>Requirement</th><th>Status</th><th>Evidence</th></tr>");
        Set<String> scenarioLocations = new LinkedHashSet<>();
        for (Signoff.Item item : s.items()) {
            h.append("<tr><td>").append(esc(item.id())).append("</td><td>").append(esc(item.section())).append("</td><td>")
                    .append(esc(item.text())).append("</td><td>").append(badge(item.status())).append("</td><td>").append(esc(item.detail()));
            if (item.attestation() != null) {
                Attestation a = item.attestation();
                h.append("<br><small>").append(esc(a.by())).append(", ").append(a.date()).append(", version ").append(esc(a.version()))
                        .append(a.note().isBlank() ? "" : ": " + esc(a.note())).append("</small>");
            }
            for (ScenarioResult result : item.scenarios()) {
                String location = result.feature() + ":" + result.line();
                scenarioLocations.add(location);
                h.append("<br><a href=\"#").append(anchor(location)).append("\">").append(esc(result.name())).append("</a> ")
                        .append(badge(result.verdict()));
            }
            h.append("</td></tr>");
        }
        h.append("</table><h2>Evidence</h2>");
        for (Signoff.Item item : s.items()) {
            for (ScenarioResult result : item.scenarios()) {
                String location = result.feature() + ":" + result.line();
                if (!scenarioLocations.remove(location)) {
                    continue;
                }
                h.append("<details id=\"").append(anchor(location)).append("\"><summary>").append(esc(result.name())).append(" ")
                        .append(badge(result.verdict())).append(" <small>").append(esc(location)).append("</small></summary>");
                if (result.failure() != null) {
                    h.append("<pre>").append(esc(result.failure())).append("</pre>");
                }
                for (Evidence.Attachment a : evidence.of(location)) {
                    h.append("<p><strong>").append(esc(a.name())).append("</strong></p>").append(attachment(a));
                }
                h.append("</details>");
            }
        }
        h.append("<div class=\"sign\"><p>Business stakeholder: ______________________________ &nbsp; Date: ______________</p>")
                .append("<p>UAT lead: ______________________________ &nbsp; Date: ______________</p></div></body></html>\n");
        return h.toString();
    }

    private static String attachment(Evidence.Attachment a) {
        if (a.mediaType().startsWith("image/")) {
            return "<img alt=\"" + esc(a.name()) + "\" src=\"data:" + esc(a.mediaType()) + ";base64," + esc(a.base64()) + "\">";
        }
        if (a.mediaType().startsWith("audio/")) {
            return "<audio controls src=\"data:" + esc(a.mediaType()) + ";base64," + esc(a.base64()) + "\"></audio>";
        }
        return "<pre>" + esc(a.text()) + "</pre>";
    }

    private static String areaChart(Map<String, Map<String, Integer>> areas) {
        int row = 26;
        StringBuilder svg = new StringBuilder("<svg role=\"img\" aria-label=\"Items per area by status\" width=\"720\" height=\"")
                .append(areas.size() * row + 30).append("\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">");
        int y = 0;
        int max = areas.values().stream().mapToInt(m -> m.values().stream().mapToInt(Integer::intValue).sum()).max().orElse(1);
        for (var area : areas.entrySet()) {
            svg.append("<text x=\"0\" y=\"").append(y + 16).append("\">").append(esc(area.getKey())).append("</text>");
            int x = 110;
            for (String status : List.of(Signoff.PASSED, Signoff.FAILED, Signoff.PENDING, Signoff.GAP, Signoff.INFO)) {
                int count = area.getValue().getOrDefault(status, 0);
                int width = count * 560 / max;
                if (count > 0) {
                    svg.append("<rect x=\"").append(x).append("\" y=\"").append(y + 4).append("\" width=\"").append(width)
                            .append("\" height=\"18\" fill=\"").append(COLOURS.get(status)).append("\"><title>").append(status).append(": ")
                            .append(count).append("</title></rect><text x=\"").append(x + 4).append("\" y=\"").append(y + 17)
                            .append("\" fill=\"#fff\">").append(count).append("</text>");
                }
                x += width;
            }
            y += row;
        }
        int x = 0;
        for (String status : List.of(Signoff.PASSED, Signoff.FAILED, Signoff.PENDING, Signoff.GAP, Signoff.INFO)) {
            svg.append("<rect x=\"").append(x).append("\" y=\"").append(y + 8).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(COLOURS.get(status)).append("\"/><text x=\"").append(x + 16).append("\" y=\"").append(y + 19).append("\">")
                    .append(status).append("</text>");
            x += 110;
        }
        return svg.append("</svg>").toString();
    }

    private static String trend(List<History.Run> runs) {
        if (runs.isEmpty()) {
            return "<p>No earlier runs recorded.</p>";
        }
        int width = 720;
        int barWidth = Math.max(8, Math.min(40, width / runs.size() - 4));
        StringBuilder svg = new StringBuilder("<svg role=\"img\" aria-label=\"Pass rate of recent runs\" width=\"").append(width)
                .append("\" height=\"130\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"10\">");
        for (int i = 0; i < runs.size(); i++) {
            History.Run run = runs.get(i);
            int rate = run.total() == 0 ? 0 : run.passed() * 100 / run.total();
            int x = i * (barWidth + 4);
            svg.append("<rect x=\"").append(x).append("\" y=\"").append(110 - rate).append("\" width=\"").append(barWidth)
                    .append("\" height=\"").append(rate).append("\" fill=\"").append("PASS".equals(run.verdict()) ? COLOURS.get(Signoff.PASSED) : COLOURS.get(Signoff.FAILED))
                    .append("\"><title>").append(esc(run.runId())).append(": ").append(run.passed()).append("/").append(run.total())
                    .append(" passed, gate ").append(esc(run.verdict())).append(", version ").append(esc(run.version())).append("</title></rect>");
        }
        svg.append("<text x=\"0\" y=\"125\">oldest</text><text x=\"").append(width - 40).append("\" y=\"125\">latest</text>");
        return svg.append("</svg>").toString();
    }

    private static String badge(String status) {
        return "<span class=\"badge\" style=\"background:" + COLOURS.getOrDefault(status, "#57606a") + "\">" + esc(status) + "</span>";
    }

    private static String anchor(String location) {
        return "s-" + location.replaceAll("[^A-Za-z0-9]", "-");
    }

    private static String esc(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
