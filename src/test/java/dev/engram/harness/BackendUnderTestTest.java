package dev.engram.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.harness.cli.HarnessCli;
import dev.engram.harness.stack.EmbeddedStack;
import dev.engram.harness.stack.StackFile;
import dev.engram.support.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backend under test started by the gate, or wired to a running serve, is gated with the simulators' full power. */
class BackendUnderTestTest {
    @TempDir
    Path reports;

    @Test
    void aBackendCommandIsGatedWithTheSimulatedScenarios() throws Exception {
        int exit = HarnessCli.run("gate", "--backend-cmd", ReferenceBuild.command(), "--tags", "@simulated and (@chat or @relaunch)",
                "--reports", reports.toString());
        assertEquals(HarnessCli.PASS, exit);
        JsonNode meta = Json.MAPPER.readTree(reports.resolve("local/latest/run-meta.json").toFile());
        assertEquals("command", meta.path("backend_under_test").path("kind").asText());
        List<JsonNode> results = results();
        assertTrue(results.stream().anyMatch(r -> r.path("tags").toString().contains("@sop:9.2")), "the gateway/Zep fault scenarios ran");
        assertTrue(results.stream().anyMatch(r -> r.path("tags").toString().contains("@relaunch")), "the troubleshooting rows ran on a second instance");
        assertTrue(results.stream().allMatch(r -> r.path("verdict").asText().equals("PASSED")), results.toString());
        assertTrue(Files.readString(reports.resolve("local/latest/backend.log")).contains("Engram reference server listening on"));
    }

    @Test
    void aBackendThatDiesIsAConfigurationErrorShowingItsOutput() throws Exception {
        int exit = HarnessCli.run("gate", "--backend-cmd", "echo 'cannot bind: the port is in use'; exit 3", "--reports", reports.toString());
        assertEquals(HarnessCli.USAGE, exit);
        try (var runs = Files.list(reports.resolve("local"))) {
            Path run = runs.findFirst().orElseThrow();
            assertTrue(Files.readString(run.resolve("backend.log")).contains("cannot bind"));
        }
    }

    @Test
    void aGateAttachedToAServeSteersItsSimulatorsRemotely() throws Exception {
        try (EmbeddedStack serve = EmbeddedStack.builder().environment("prod").start()) {
            Path stackFile = reports.resolve("stack.json");
            StackFile.of(serve, stackFile).writeOwnerOnly(stackFile);
            int exit = HarnessCli.run("gate", "--env", "prod", "--api", serve.endpoints().api(), "--stack", stackFile.toString(),
                    "--tags", "(@simulated and @chat) or @smoke or @sop:6.3", "--reports", reports.toString());
            assertEquals(HarnessCli.PASS, exit);
        }
        List<JsonNode> results = results("prod");
        assertTrue(results.stream().anyMatch(r -> r.path("tags").toString().contains("@sop:9.2")), "fault scenarios ran remotely");
        assertTrue(results.stream().noneMatch(r -> r.path("tags").toString().contains("@relaunch")), "a serve cannot relaunch the backend");
        JsonNode meta = Json.MAPPER.readTree(reports.resolve("prod/latest/run-meta.json").toFile());
        assertEquals("serve", meta.path("backend_under_test").path("kind").asText());
    }

    private List<JsonNode> results() throws Exception {
        return results("local");
    }

    private List<JsonNode> results(String environment) throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(reports.resolve(environment + "/latest/results.jsonl"))) {
            out.add(Json.parse(line));
        }
        return out;
    }
}
