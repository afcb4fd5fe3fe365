package dev.engram.harness;

import dev.engram.testing.FeatureScenarios;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The SOP features against the embedded stack, as the local gate selects them: a test per scenario. */
class SopFeaturesTest {
    @TestFactory
    Stream<DynamicTest> theLocalGate() throws Exception {
        return FeatureScenarios.againstTheEmbeddedStack(null, Path.of("target", "harness-reports", "local"));
    }
}
