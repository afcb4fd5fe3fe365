package dev.engram.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.engram.harness.config.Environments;
import dev.engram.harness.report.FeatureRun;
import dev.engram.harness.report.RunInfo;
import dev.engram.harness.report.ScenarioResult;
import dev.engram.harness.stack.RunTarget;
import dev.engram.harness.stack.RunWorld;
import dev.engram.harness.stack.TargetOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The features against a fresh embedded stack, resolved and run the way the gate does it (its target, its tag
 * selection, its runtime, its reports), and one JUnit test per scenario, failing with the scenario's own explanation.
 */
public final class FeatureScenarios {
    private FeatureScenarios() {}

    /** {@code userTags} as the gate's {@code --tags} (null for the default local gate); reports go to {@code reports}. */
    public static Stream<DynamicTest> againstTheEmbeddedStack(String userTags, Path reports) throws Exception {
        List<ScenarioResult> results;
        try (RunTarget run = RunTarget.resolve(TargetOptions.embedded("local"), Map.of(), Map.of()); RunWorld world = run.world()) {
            String expression = Environments.tagExpression("local", world.target(), userTags);
            results = FeatureRun.run(Path.of("features"), reports, world, RunInfo.begin(reports.getFileName().toString(), expression), false);
        }
        assertFalse(results.isEmpty(), "no scenario ran");
        return results.stream().map(r -> DynamicTest.dynamicTest(r.feature().replaceFirst("^.*/", "") + ":" + r.line() + " " + r.name(),
                () -> assertEquals(ScenarioResult.PASSED, r.verdict(), () -> r.failure())));
    }
}
