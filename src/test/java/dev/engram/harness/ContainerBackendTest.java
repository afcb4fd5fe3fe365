package dev.engram.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.harness.backend.ImageLauncher;
import dev.engram.harness.cli.HarnessCli;
import dev.engram.support.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --backend-image}: the reference server's image, built here with no registry, gated on the host network. */
class ContainerBackendTest {
    @TempDir
    static Path work;

    @BeforeAll
    static void engine() {
        Optional<String> unavailable = ImageLauncher.unavailable();
        unavailable.ifPresent(reason -> System.out.println("ContainerBackendTest skipped: " + reason));
        Assumptions.assumeTrue(unavailable.isEmpty(), () -> "no container engine: " + unavailable.orElse(""));
    }

    @Test
    void theReferenceServersImageIsGatedLikeAnyBackend() throws Exception {
        String image = ReferenceImage.build(work);
        Path reports = work.resolve("reports");
        int exit = HarnessCli.run("gate", "--backend-image", image, "--tags", "@smoke or (@simulated and @chat)",
                "--reports", reports.toString());
        assertEquals(HarnessCli.PASS, exit);
        JsonNode meta = Json.MAPPER.readTree(reports.resolve("local/latest/run-meta.json").toFile());
        assertEquals("image", meta.path("backend_under_test").path("kind").asText());
        assertTrue(meta.path("backend_under_test").path("description").asText().startsWith(image + " (sha256:"), meta.toString());
        assertTrue(Files.readString(reports.resolve("local/latest/backend-container.log")).contains("Engram reference server listening on"));
    }

    @Test
    void anImageTheEngineDoesNotHaveIsAConfigurationError() throws Exception {
        int exit = HarnessCli.run("gate", "--backend-image", "engram-not-built-here:none", "--reports", work.resolve("missing").toString());
        assertEquals(HarnessCli.USAGE, exit);
    }
}
