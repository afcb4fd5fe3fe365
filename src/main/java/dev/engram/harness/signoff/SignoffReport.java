package dev.engram.harness.signoff;

import dev.engram.harness.report.Html;
import dev.engram.harness.report.ScenarioResult;
import dev.engram.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code signoff.html} (one self-contained file from an auto-escaping Pebble template: inline CSS, SVG and
 * evidence, no external request),
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

    /** A checklist row: the item and links to its scenarios' evidence. */
    public record Row(Signoff.Item item, List<Link> links) {}

    public record Link(String anchor, String name, String verdict) {}

    /** One scenario's evidence, shown once however many items cite it. */
    public record Block(String anchor, String name, String verdict, String location, String failure, List<Shown> attachments) {}

    /** An attachment as the page shows it: an image, audio, or text. */
    public record Shown(String name, String kind, String mediaType, String base64, String text) {
        static Shown of(Evidence.Attachment a) {
            String kind = a.mediaType().startsWith("image/") ? "image" : a.mediaType().startsWith("audio/") ? "audio" : "text";
            return new Shown(a.name(), kind, a.mediaType(), a.base64(), kind.equals("text") ? a.text() : "");
        }
    }

    /** Rendered from {@code signoff/signoff.peb} with every value escaped, and {@code signoff/signoff.css} inlined. */
    static String html(Signoff s, Evidence evidence, List<History.Run> history) {
        List<Row> rows = new ArrayList<>();
        Map<String, Block> blocks = new LinkedHashMap<>();
        for (Signoff.Item item : s.items()) {
            List<Link> links = new ArrayList<>();
            for (ScenarioResult result : item.scenarios()) {
                String location = result.feature() + ":" + result.line();
                links.add(new Link(anchor(location), result.name(), result.verdict()));
                blocks.computeIfAbsent(location, l -> new Block(anchor(l), result.name(), result.verdict(), l, result.failure(),
                        evidence.of(l).stream().map(Shown::of).toList()));
            }
            rows.add(new Row(item, links));
        }
        Map<String, Object> context = new HashMap<>();
        context.put("s", s);
        context.put("rows", rows);
        context.put("evidence", List.copyOf(blocks.values()));
        context.put("colours", COLOURS);
        context.put("css", Html.resource("signoff/signoff.css"));
        context.put("areaChart", areaChart(s.areas()));
        context.put("trend", trend(history));
        context.put("voiceChart", VoiceLatencyChart.svg(s));
        return Html.render("signoff/signoff.peb", context);
    }

    private static String areaChart(Map<String, Map<String, Integer>> areas) {
        int row = 26;
        StringBuilder svg = new StringBuilder("<svg role=\"img\" aria-label=\"Items per area by status\" width=\"720\" height=\"")
                .append(areas.size() * row + 30).append("\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">");
        int y = 0;
        int max = areas.values().stream().mapToInt(m -> m.values().stream().mapToInt(Integer::intValue).sum()).max().orElse(1);
        for (var area : areas.entrySet()) {
            svg.append("<text x=\"0\" y=\"").append(y + 16).append("\">").append(Html.escape(area.getKey())).append("</text>");
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
                    .append("\"><title>").append(Html.escape(run.runId())).append(": ").append(run.passed()).append("/").append(run.total())
                    .append(" passed, gate ").append(Html.escape(run.verdict())).append(", version ").append(Html.escape(run.version())).append("</title></rect>");
        }
        svg.append("<text x=\"0\" y=\"125\">oldest</text><text x=\"").append(width - 40).append("\" y=\"125\">latest</text>");
        return svg.append("</svg>").toString();
    }

    private static String anchor(String location) {
        return "s-" + location.replaceAll("[^A-Za-z0-9]", "-");
    }
}
