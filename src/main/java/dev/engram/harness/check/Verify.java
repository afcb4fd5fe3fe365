package dev.engram.harness.check;

import dev.engram.harness.state.ScenarioContext;

/**
 * Conformance assertions. Each failure becomes a {@link SopViolation} whose message reads
 * "SOP x.y — check / expected / seen / resolution", so a report line explains itself.
 */
public final class Verify {
    private final ScenarioContext scenario;

    public Verify(ScenarioContext scenario) {
        this.scenario = scenario;
    }

    public void that(boolean holds, String check, String expected, String seen) {
        that(holds, check, expected, seen, null);
    }

    public void that(boolean holds, String check, String expected, String seen, String troubleshootingRow) {
        if (!holds) {
            fail(check, expected, seen, troubleshootingRow == null ? null : Troubleshooting.row(troubleshootingRow).advice(), null);
        }
    }

    /**
     * Fails with what the simulators saw of the backend when that explains the failure, and with the generic SOP 9.x
     * row only when they saw nothing that does.
     */
    public void withEvidence(boolean holds, String check, String expected, String seen,
            java.util.Optional<UpstreamEvidence.Finding> evidence, String fallbackRow) {
        if (holds) {
            return;
        }
        if (evidence.isPresent()) {
            UpstreamEvidence.Finding found = evidence.get();
            if (!found.excerpt().isBlank()) {
                scenario.attach("what the simulators saw of the backend", found.excerpt());
            }
            fail(check, expected, seen, found.resolution(), found.observed());
        }
        that(false, check, expected, seen, fallbackRow);
    }

    private void fail(String check, String expected, String seen, String resolution, String upstream) {
        StringBuilder message = new StringBuilder()
                .append(scenario.sopSections().get(0).startsWith("guide ") ? "WebSocket troubleshooting " : "SOP ")
                .append(String.join(", ", scenario.sopSections())).append(" - ").append(check)
                .append("\n  expected: ").append(expected)
                .append("\n  seen:     ").append(seen);
        if (upstream != null) {
            message.append("\n  upstream: ").append(upstream);
        }
        if (resolution != null) {
            message.append("\n  resolution: ").append(resolution);
        }
        if (scenario.nonStrict()) {
            message.append("\n  note: good practice beyond the SOP's letter (NON-STRICT); it does not fail the gate");
        }
        throw new SopViolation(message.toString());
    }
}
