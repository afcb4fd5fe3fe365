package dev.engram.harness.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One line of {@code results.jsonl}: a scenario, its SOP references and its verdict. */
public record ScenarioResult(
        String id,
        String name,
        String feature,
        int line,
        List<String> tags,
        List<String> sop,
        List<String> uat,
        String verdict,
        @JsonProperty("duration_ms") long durationMs,
        String failure,
        @JsonProperty("voice_metrics") @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        List<com.fasterxml.jackson.databind.JsonNode> voiceMetrics) {

    public ScenarioResult {
        voiceMetrics = voiceMetrics == null ? List.of() : voiceMetrics;
    }

    public static final String PASSED = "PASSED";
    public static final String FAILED = "FAILED";
    public static final String NON_STRICT = "NON-STRICT";

    public boolean counts(String status) {
        return verdict.equals(status);
    }
}
