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
        @JsonProperty("decided_by") String decidedBy,
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
        GateRules gate = GateRules.forEnvironment(environment);
        Map<String, Integer> counts = new TreeMap<>();
        results.forEach(r -> counts.merge(r.verdict().toLowerCase().replace('-', '_'), 1, Integer::sum));
        counts.put("total", results.size());
        long failed = results.stream().filter(r -> r.counts(ScenarioResult.FAILED)).count();
        long unfinished = results.stream()
                .filter(r -> List.of("UNDEFINED", "PENDING", "AMBIGUOUS", "SKIPPED", "UNUSED").contains(r.verdict())).count();

        List<Rule> rules = new ArrayList<>();
        gate.minScenarios().forEach((area, minimum) -> {
            long ran = area.equals("total") ? results.size()
                    : results.stream().filter(r -> r.tags().contains("@" + area)).count();
            rules.add(new Rule("min-scenarios-" + area, ran >= minimum,
                    ran + " " + (area.equals("total") ? "" : "@" + area + " ") + "scenario(s) ran, at least " + minimum
                            + " required in " + environment + "; a run filtered down to nothing cannot pass"));
        });
        if (gate.maxFailures() == null) {
            rules.add(new Rule("sop-failures", true, failed + " scenario(s) failed an SOP requirement; reported but allowed in " + environment));
        } else {
            rules.add(new Rule("sop-failures", failed <= gate.maxFailures(), failed + " scenario(s) failed an SOP requirement, "
                    + gate.maxFailures() + " allowed in " + environment));
        }
        rules.add(new Rule("no-undefined-pending-or-skipped", !gate.failOnUnfinished() || unfinished == 0,
                unfinished + " scenario(s) undefined, pending, ambiguous or skipped"));
        rules.add(new Rule("no-pass-on-retry", true, gate.allowRetried()
                ? "scenarios that pass on a retry count as passed in " + environment + " (this harness does not retry)"
                : "no scenario may pass only on a retry in " + environment + "; this harness does not retry, so none did"));
        rules.add(new Rule("non-strict-reported-only", true,
                counts.getOrDefault("non_strict", 0) + " NON-STRICT finding(s), reported without failing the gate"));

        boolean pass = rules.stream().allMatch(Rule::passed);
        String decidedBy = rules.stream().filter(r -> !r.passed()).map(Rule::rule).findFirst().orElse("all rules passed");
        return new GateVerdict(pass ? PASS : FAIL, decidedBy, environment, target, counts, rules,
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
