package dev.engram.harness.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The gate's decision over a run's scenario results, explained rule by rule. A NON-STRICT finding (good practice
 * beyond the SOP's letter) is reported but never fails the gate.
 */
public record GateVerdict(
        String verdict,
        String environment,
        String target,
        Map<String, Integer> counts,
        List<Rule> rules,
        List<Finding> findings,
        @JsonProperty("non_strict") List<Finding> nonStrict) {

    public static final String PASS = "PASS";
    public static final String FAIL = "FAIL";

    public record Rule(String rule, boolean passed, String detail) {}

    public record Finding(String scenario, String location, List<String> sop, String message) {}

    public static GateVerdict decide(String environment, String target, List<ScenarioResult> results) {
        Map<String, Integer> counts = new TreeMap<>();
        results.forEach(r -> counts.merge(r.verdict().toLowerCase().replace('-', '_'), 1, Integer::sum));
        counts.put("total", results.size());
        long failed = results.stream().filter(r -> r.counts(ScenarioResult.FAILED)).count();
        long unfinished = results.stream()
                .filter(r -> List.of("UNDEFINED", "PENDING", "AMBIGUOUS", "SKIPPED", "UNUSED").contains(r.verdict())).count();

        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule("scenarios-ran", !results.isEmpty(),
                results.size() + " scenario(s) ran; a run filtered down to nothing cannot pass"));
        rules.add(new Rule("no-sop-failures", failed == 0, failed + " scenario(s) failed an SOP requirement"));
        rules.add(new Rule("no-undefined-pending-or-skipped", unfinished == 0,
                unfinished + " scenario(s) undefined, pending, ambiguous or skipped"));
        rules.add(new Rule("non-strict-reported-only", true,
                counts.getOrDefault("non_strict", 0) + " NON-STRICT finding(s), reported without failing the gate"));

        boolean pass = rules.stream().allMatch(Rule::passed);
        return new GateVerdict(pass ? PASS : FAIL, environment, target, counts, rules,
                findings(results, ScenarioResult.FAILED), findings(results, ScenarioResult.NON_STRICT));
    }

    private static List<Finding> findings(List<ScenarioResult> results, String verdict) {
        return results.stream()
                .filter(r -> r.counts(verdict))
                .map(r -> new Finding(r.name(), r.feature() + ":" + r.line(), r.sop(), r.failure()))
                .toList();
    }

    public boolean passed() {
        return PASS.equals(verdict);
    }
}
