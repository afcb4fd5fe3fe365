package dev.engram.harness;

import dev.engram.testing.FeatureScenarios;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The WebSocket troubleshooting guide's features (@connectivity) against the embedded stack: a test per scenario. */
class ConnectivityFeaturesTest {
    @TestFactory
    Stream<DynamicTest> theConnectivitySuite() throws Exception {
        return FeatureScenarios.againstTheEmbeddedStack("@connectivity", Path.of("target", "harness-reports", "connectivity"));
    }
}
