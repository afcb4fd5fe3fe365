package dev.engram.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.harness.cli.HarnessCli;
import dev.engram.support.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smoke load profile inside mvn verify: it passes on the embedded stack and fails on a slowed gateway. */
class LoadSmokeTest {
    @TempDir
    Path reports;

    @Test
    void smokePassesAndASlowedGatewayFailsTheChatP95Assertion() throws Exception {
        assertEquals(HarnessCli.PASS, HarnessCli.run("load", "--profile", "smoke", "--reports", reports.toString()));
        JsonNode summary = Json.MAPPER.readTree(reports.resolve("local/latest/load.json").toFile());
        assertEquals("PASS", summary.path("verdict").asText());
        assertTrue(Files.exists(Path.of(summary.path("report").asText())), "a Gatling HTML report");

        assertEquals(HarnessCli.FAIL, HarnessCli.run("load", "--profile", "smoke", "--gateway-fault", "gateway-over-sop-latency",
                "--reports", reports.toString()));
        assertEquals("FAIL", Json.MAPPER.readTree(reports.resolve("local/latest/load.json").toFile()).path("verdict").asText());
        assertEquals(HarnessCli.FAIL, HarnessCli.run("load", "merge", reports.resolve("local/latest").toString(), "--reports", reports.resolve("merged").toString()),
                "its mergeable figures fail SOP 6.6 as well");
    }

    @Test
    void anUnknownProfileIsAUsageError() {
        assertEquals(HarnessCli.USAGE, HarnessCli.run("load", "--profile", "tsunami", "--reports", reports.toString()));
    }
}
