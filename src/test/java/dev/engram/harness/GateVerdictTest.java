package dev.engram.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.harness.report.GateVerdict;
import dev.engram.harness.report.ScenarioResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateVerdictTest {
    private static ScenarioResult result(String verdict, String... tags) {
        List<String> all = new ArrayList<>(List.of("@sop:1.1"));
        all.addAll(List.of(tags));
        return new ScenarioResult("id", "a scenario", "features/x.feature", 3, all, List.of("1.1"), List.of(), verdict, 5, null, List.of());
    }

    private static List<ScenarioResult> passing(int count, String... tags) {
        List<ScenarioResult> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(result("PASSED", tags));
        }
        return results;
    }

    @Test
    void passesWhenEnoughScenariosRanAndAllPassed() {
        assertTrue(GateVerdict.decide("local", "http://127.0.0.1:1", passing(1)).passed());
    }

    @Test
    void aRunFilteredDownBelowTheMinimumCannotPass() {
        GateVerdict verdict = GateVerdict.decide("test", "x", passing(3, "@api", "@chat", "@voice"));
        assertFalse(verdict.passed());
        assertTrue(verdict.rules().stream().anyMatch(r -> r.rule().equals("min-scenarios-total") && !r.passed()));
        assertFalse(GateVerdict.decide("prod", "x", passing(12, "@api", "@chat")).passed(), "prod needs @voice scenarios too");
        assertTrue(GateVerdict.decide("prod", "x", passing(12, "@api", "@chat", "@voice")).passed());
    }

    @Test
    void nonStrictFindingsAreReportedButDoNotFail() {
        List<ScenarioResult> results = passing(15);
        results.add(result(ScenarioResult.NON_STRICT));
        GateVerdict verdict = GateVerdict.decide("local", "x", results);
        assertTrue(verdict.passed());
        assertEquals(1, verdict.nonStrict().size());
    }

    @Test
    void failuresFailProdButAreOnlyReportedInDev() {
        List<ScenarioResult> results = passing(15, "@api", "@chat", "@voice");
        results.add(result("FAILED", "@chat"));
        assertFalse(GateVerdict.decide("prod", "x", results).passed());
        GateVerdict dev = GateVerdict.decide("dev", "x", results);
        assertTrue(dev.passed());
        assertEquals(1, dev.findings().size());
    }

    @Test
    void anUndefinedStepFails() {
        List<ScenarioResult> results = passing(15);
        results.add(result("UNDEFINED"));
        assertFalse(GateVerdict.decide("local", "x", results).passed());
    }
}
