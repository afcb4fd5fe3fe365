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
        if (holds) {
            return;
        }
        StringBuilder message = new StringBuilder()
                .append("SOP ").append(String.join(", ", scenario.sopSections())).append(" - ").append(check)
                .append("\n  expected: ").append(expected)
                .append("\n  seen:     ").append(seen);
        if (troubleshootingRow != null) {
            message.append("\n  resolution: ").append(Troubleshooting.row(troubleshootingRow).advice());
        }
        if (scenario.nonStrict()) {
            message.append("\n  note: good practice beyond the SOP's letter (NON-STRICT); it does not fail the gate");
        }
        throw new SopViolation(message.toString());
    }
}
