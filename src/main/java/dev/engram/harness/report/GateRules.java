package dev.engram.harness.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.support.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** An environment's gate rules, from {@code sop/gate-rules.yaml} (defaults, then the environment's overrides). */
public record GateRules(
        @JsonProperty("max_failures") Integer maxFailures,
        @JsonProperty("allow_retried") boolean allowRetried,
        @JsonProperty("fail_on_unfinished") boolean failOnUnfinished,
        @JsonProperty("min_scenarios") Map<String, Integer> minScenarios) {

    public static GateRules forEnvironment(String environment) {
        try (InputStream in = GateRules.class.getClassLoader().getResourceAsStream("sop/gate-rules.yaml")) {
            JsonNode root = Yaml.MAPPER.readTree(in);
            JsonNode defaults = root.path("defaults");
            JsonNode own = root.path("environments").path(environment);
            Map<String, Integer> minimum = new LinkedHashMap<>();
            (own.has("min_scenarios") ? own : defaults).path("min_scenarios").fields()
                    .forEachRemaining(e -> minimum.put(e.getKey(), e.getValue().asInt()));
            JsonNode max = own.has("max_failures") ? own.get("max_failures") : defaults.get("max_failures");
            return new GateRules(
                    max == null || max.isNull() ? null : max.asInt(),
                    (own.has("allow_retried") ? own : defaults).path("allow_retried").asBoolean(true),
                    (own.has("fail_on_unfinished") ? own : defaults).path("fail_on_unfinished").asBoolean(true),
                    minimum);
        } catch (IOException e) {
            throw new UncheckedIOException("sop/gate-rules.yaml is unreadable", e);
        }
    }
}
