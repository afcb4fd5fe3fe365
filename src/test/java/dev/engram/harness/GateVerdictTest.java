package dev.engram.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.harness.report.GateVerdict;
import dev.engram.harness.report.ScenarioResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateVerdictTest {
    private static ScenarioResult result(String verdict) {
        return new ScenarioResult("id", "a scenario", "features/x.feature", 3, List.of("@sop:1.1"), List.of("1.1"), List.of(), verdict, 5, null);
    }

    @Test
    void passesWhenEverythingPassed() {
        assertTrue(GateVerdict.decide("local", "http://127.0.0.1:1", List.of(result("PASSED"))).passed());
    }

    @Test
    void nonStrictFindingsAreReportedButDoNotFail() {
        GateVerdict verdict = GateVerdict.decide("local", "x", List.of(result("PASSED"), result(ScenarioResult.NON_STRICT)));
        assertTrue(verdict.passed());
        assertEquals(1, verdict.nonStrict().size());
    }

    @Test
    void failsOnAFailureAnUndefinedStepOrAnEmptyRun() {
        assertFalse(GateVerdict.decide("local", "x", List.of(result("PASSED"), result("FAILED"))).passed());
        assertFalse(GateVerdict.decide("local", "x", List.of(result("UNDEFINED"))).passed());
        assertFalse(GateVerdict.decide("local", "x", List.of()).passed());
    }
}
