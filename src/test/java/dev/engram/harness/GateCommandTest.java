package dev.engram.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.harness.cli.HarnessCli;
import dev.engram.harness.stack.EmbeddedStack;
import dev.engram.support.Json;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate can fail: a broken target exits 1 with the SOP section in results.jsonl; a missing one exits 2. */
class GateCommandTest {
    @TempDir
    Path reports;

    @Test
    void aWrongGatewayKeyFailsTheGateOnSop11() throws Exception {
        try (EmbeddedStack broken = EmbeddedStack.builder().with(Map.of("AZURE_AI_KEY", "not-the-gateway-key")).start()) {
            int exit = HarnessCli.run("gate", "--api", broken.endpoints().api(), "--tags", "@sop:1.1 and @smoke",
                    "--reports", reports.toString());
            assertEquals(HarnessCli.FAIL, exit);
        }
        List<JsonNode> failed = new ArrayList<>();
        for (String line : Files.readAllLines(reports.resolve("local/latest/results.jsonl"))) {
            JsonNode result = Json.parse(line);
            if (result.path("verdict").asText().equals("FAILED")) {
                failed.add(result);
            }
        }
        assertTrue(failed.stream().anyMatch(r -> r.path("sop").toString().contains("1.1")
                && r.path("failure").asText().contains("expected")
                && r.path("failure").asText().contains("502")), failed.toString());
        JsonNode gate = Json.MAPPER.readTree(reports.resolve("local/latest/gate.json").toFile());
        assertEquals("FAIL", gate.path("verdict").asText());
    }

    @Test
    void aStagingConfiguredStackFailsTheProdGateOnItsAuthModel() throws Exception {
        int exit = HarnessCli.run("gate", "--env", "prod", "--local", "--stack-as", "staging", "--tags", "@sop:7",
                "--reports", reports.toString());
        assertEquals(HarnessCli.FAIL, exit);
        String results = Files.readString(reports.resolve("prod/latest/results.jsonl"));
        assertTrue(results.contains("Missing token") && results.contains("\"verdict\":\"FAILED\""), results);
    }

    @Test
    void anUnreachableTargetIsAUsageErrorNamingTheUrl() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertEquals(HarnessCli.USAGE, HarnessCli.run("gate", "--api", "http://127.0.0.1:" + closed, "--reports", reports.toString()));
    }

    @Test
    void aDeployedEnvironmentWithoutAUrlIsAUsageError() {
        assertEquals(HarnessCli.USAGE, HarnessCli.run("gate", "--env", "prod", "--reports", reports.toString()));
        assertEquals(HarnessCli.USAGE, HarnessCli.run("gate", "--env", "nowhere", "--reports", reports.toString()));
    }
}
