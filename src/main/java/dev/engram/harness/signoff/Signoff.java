package dev.engram.harness.signoff;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.engram.harness.report.ScenarioResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The UAT sign-off of one run: every catalogue item with its status and the evidence or attestation behind it,
 * and the verdict "Ready for production deployment". An item with neither automation nor attestation is a GAP.
 */
public record Signoff(
        String environment,
        @JsonProperty("version_under_test") String version,
        String date,
        @JsonProperty("run_id") String runId,
        @JsonProperty("ready_for_production") boolean ready,
        Map<String, Map<String, Integer>> areas,
        List<Item> items) {

    public static final String PASSED = "PASSED";
    public static final String FAILED = "FAILED";
    public static final String GAP = "GAP";
    public static final String PENDING = "PENDING";
    public static final String INFO = "INFO";

    /** One checklist line: status, why, and the scenarios or attestation behind it. */
    public record Item(String id, String section, String area, String kind, String text, String status, String detail,
                       List<ScenarioResult> scenarios, Attestation attestation) {}

    public static Signoff evaluate(RequirementCatalogue catalogue, List<ScenarioResult> results, List<Attestation> attestations,
                                   String environment, String version, String date, String runId) {
        Map<String, Item> done = new LinkedHashMap<>();
        for (Requirement requirement : catalogue.items()) {
            if (!requirement.derived()) {
                done.put(requirement.id(), item(requirement, results, attestations, version));
            }
        }
        for (Requirement requirement : catalogue.items()) {
            if (requirement.derived()) {
                done.put(requirement.id(), derived(requirement, done));
            }
        }
        List<Item> items = catalogue.items().stream().map(r -> done.get(r.id())).toList();
        Map<String, Map<String, Integer>> areas = new TreeMap<>();
        items.forEach(i -> areas.computeIfAbsent(i.area(), a -> new TreeMap<>()).merge(i.status(), 1, Integer::sum));
        boolean ready = PASSED.equals(done.get("signoff-ready").status());
        return new Signoff(environment, version, date, runId, ready, areas, items);
    }

    private static Item item(Requirement r, List<ScenarioResult> results, List<Attestation> attestations, String version) {
        if (r.kind().equals("info")) {
            return new Item(r.id(), r.section(), r.area(), r.kind(), r.text(), INFO, "informational; never gates", List.of(), null);
        }
        if (r.manual()) {
            Optional<Attestation> latest = attestations.stream().filter(a -> a.item().equals(r.id()))
                    .reduce((a, b) -> b.date().isBefore(a.date()) ? a : b);
            if (latest.isEmpty()) {
                return new Item(r.id(), r.section(), r.area(), r.kind(), r.text(), GAP, "manual item with no attestation", List.of(), null);
            }
            Attestation a = latest.get();
            if (!a.version().equals(version)) {
                return new Item(r.id(), r.section(), r.area(), r.kind(), r.text(), PENDING,
                        "attested for version " + a.version() + ", not the version under test " + version, List.of(), a);
            }
            return new Item(r.id(), r.section(), r.area(), r.kind(), r.text(), a.passed() ? PASSED : FAILED,
                    "attested " + a.result() + " by " + a.by() + " on " + a.date(), List.of(), a);
        }
        List<ScenarioResult> proving = results.stream().filter(r::provenBy).toList();
        if (proving.isEmpty()) {
            return new Item(r.id(), r.section(), r.area(), r.kind(), r.text(), GAP, "no scenario for it ran in this run", List.of(), null);
        }
        long failed = proving.stream().filter(s -> !s.verdict().equals(ScenarioResult.PASSED)
                && !s.verdict().equals(ScenarioResult.NON_STRICT)).count();
        return new Item(r.id(), r.section(), r.area(), r.kind(), r.text(), failed == 0 ? PASSED : FAILED,
                (proving.size() - failed) + " of " + proving.size() + " scenario(s) passed", proving, null);
    }

    private static Item derived(Requirement r, Map<String, Item> done) {
        List<String> notPassed = new ArrayList<>();
        boolean anyFailed = false;
        for (String id : r.from()) {
            Item source = done.get(id);
            if (!PASSED.equals(source.status())) {
                notPassed.add(id + " " + source.status());
                anyFailed |= FAILED.equals(source.status());
            }
        }
        String status = notPassed.isEmpty() ? PASSED : anyFailed ? FAILED : PENDING;
        String detail = notPassed.isEmpty() ? "all of " + r.from().size() + " items passed" : "not yet: " + String.join(", ", notPassed);
        return new Item(r.id(), r.section(), r.area(), r.kind(), r.text(), status, detail, List.of(), null);
    }
}
