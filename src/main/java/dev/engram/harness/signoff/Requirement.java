package dev.engram.harness.signoff;

import dev.engram.harness.report.ScenarioResult;
import java.util.Arrays;
import java.util.List;

/** One SOP checklist item of {@code sop/requirements.yaml}. */
public record Requirement(String id, String section, String area, String kind, String text, List<String> scenarios, List<String> from) {
    public Requirement {
        scenarios = scenarios == null ? List.of() : scenarios;
        from = from == null ? List.of() : from;
    }

    public boolean automated() {
        return kind.equals("automated");
    }

    public boolean manual() {
        return kind.equals("manual");
    }

    public boolean derived() {
        return kind.equals("derived");
    }

    /** Whether a scenario proves this item: it carries every tag of one of the item's tag sets. */
    public boolean provenBy(ScenarioResult result) {
        return scenarios.stream().anyMatch(set -> result.tags().containsAll(Arrays.asList(set.trim().split("\\s+"))));
    }
}
