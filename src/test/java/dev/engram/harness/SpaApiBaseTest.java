package dev.engram.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.harness.check.Shapes;
import dev.engram.harness.cli.HarnessCli;
import dev.engram.simulator.swa.SpaBuild;
import dev.engram.support.Json;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A UI built without VITE_API_URL calls another API; the finding names where it went and the SOP 1.1 build variables. */
class SpaApiBaseTest {
    @TempDir
    Path reports;

    @Test
    void anSpaBuiltForAnotherApiIsNamedWithTheUrlItUsedAndTheBuildVariables() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String elsewhere = "http://localhost:" + closed;
        try (SpaBuild build = SpaBuild.of(SpaBuild.SOURCE, elsewhere, elsewhere)) {
            int exit = HarnessCli.run("gate", "--web-dist", build.folder().toString(), "--tags", "@sop:1.1 and @web and @chat",
                    "--quiet", "--reports", reports.toString());
            assertEquals(HarnessCli.FAIL, exit);
        }
        String failures = "";
        for (String line : Files.readAllLines(reports.resolve("local/latest/results.jsonl"))) {
            JsonNode result = Json.parse(line);
            failures += result.path("failure").asText("");
        }
        assertTrue(failures.contains(elsewhere + "/api/v1/chat"), failures);
        assertTrue(failures.contains("VITE_API_URL=https://<CUSTOMER_ENGRAM_API_FQDN>"), failures);
        assertTrue(!failures.contains("TimeoutError"), "no bare timeout: " + failures);
    }

    @Test
    void anErrorPageIsNotAJsonAnswer() {
        assertTrue(Shapes.looksLikeJson("[{\"agent_id\":\"elena\"}]"));
        assertTrue(Shapes.looksLikeJson(" {\"detail\":\"x\"}"));
        assertTrue(!Shapes.looksLikeJson("<html><body>404</body></html>"));
        assertTrue(!Shapes.looksLikeJson(""));
    }
}
