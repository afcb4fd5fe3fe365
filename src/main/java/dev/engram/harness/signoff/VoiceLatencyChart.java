package dev.engram.harness.signoff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.harness.report.Html;
import dev.engram.harness.report.ScenarioResult;
import dev.engram.support.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sign-off's small chart of per-turn voice latency (end of speech to the complete transcript, to the first answer
 * audio, and time to silence after a barge-in), each bar against its threshold from {@code sop/voice-thresholds.yaml}.
 */
final class VoiceLatencyChart {
    private static final List<String> METRICS = List.of("speech_end_to_transcript_ms", "speech_end_to_first_audio_ms", "time_to_silence_ms");
    private static final List<String> LABELS = List.of("transcript", "first audio", "to silence");

    private VoiceLatencyChart() {}

    static String svg(Signoff signoff) {
        Map<String, JsonNode> turns = new LinkedHashMap<>();
        signoff.items().stream().flatMap(i -> i.scenarios().stream()).distinct()
                .filter(r -> !r.voiceMetrics().isEmpty())
                .forEach(r -> r.voiceMetrics().forEach(t -> turns.putIfAbsent(r.name() + " #" + t.path("turn").asInt(), t)));
        if (turns.isEmpty()) {
            return "<p>No voice turn was measured in this run.</p>";
        }
        Map<String, Long> limits = thresholds(signoff.environment());
        int row = 18;
        StringBuilder svg = new StringBuilder("<svg role=\"img\" aria-label=\"Voice latency per turn\" width=\"760\" height=\"")
                .append(turns.size() * row * METRICS.size() + 20).append("\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"10\">");
        int y = 0;
        for (Map.Entry<String, JsonNode> turn : turns.entrySet()) {
            for (int m = 0; m < METRICS.size(); m++) {
                JsonNode value = turn.getValue().path(METRICS.get(m));
                if (value.isNumber()) {
                    long ms = value.asLong();
                    long limit = limits.getOrDefault(METRICS.get(m), Long.MAX_VALUE);
                    int width = (int) Math.min(400, ms / 10);
                    svg.append("<text x=\"0\" y=\"").append(y + 12).append("\">").append(Html.escape(abbreviate(turn.getKey()))).append(" · ")
                            .append(LABELS.get(m)).append("</text><rect x=\"330\" y=\"").append(y + 3).append("\" width=\"").append(Math.max(1, width))
                            .append("\" height=\"12\" fill=\"").append(ms <= limit ? "#1a7f37" : "#bf8700").append("\"><title>").append(ms)
                            .append(" ms (threshold ").append(limit == Long.MAX_VALUE ? "none" : limit + " ms").append(")</title></rect><text x=\"")
                            .append(335 + width).append("\" y=\"").append(y + 12).append("\">").append(ms).append(" ms</text>");
                    y += row;
                }
            }
        }
        return svg.append("</svg><p>Bars over their threshold are amber; the thresholds are good practice (the SOP sets no voice latency).</p>").toString();
    }

    static Map<String, Long> thresholds(String environment) {
        try (InputStream in = VoiceLatencyChart.class.getClassLoader().getResourceAsStream("sop/voice-thresholds.yaml")) {
            JsonNode root = Yaml.MAPPER.readTree(in);
            Map<String, Long> limits = new LinkedHashMap<>();
            root.path("defaults").fields().forEachRemaining(e -> limits.put(e.getKey(), e.getValue().asLong()));
            root.path("environments").path(environment).fields().forEachRemaining(e -> limits.put(e.getKey(), e.getValue().asLong()));
            return limits;
        } catch (IOException e) {
            throw new UncheckedIOException("sop/voice-thresholds.yaml is unreadable", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 48 ? text.substring(0, 47) + "…" : text;
    }
}
