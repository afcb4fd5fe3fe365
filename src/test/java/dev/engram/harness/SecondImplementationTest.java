package dev.engram.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.harness.cli.HarnessCli;
import dev.engram.support.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The harness against an Engram it did not write (interop/node-engram, Node.js with ws): conformant, it passes the
 * whole gate with no finding; with a documented departure switched on, the gate finds it at the right level and
 * names the cause.
 */
class SecondImplementationTest {
    private static final Path SERVER = Path.of("interop/node-engram");

    @TempDir
    Path reports;

    @BeforeAll
    static void installWs() throws Exception {
        boolean node = run(Path.of("."), "node", "--version") == 0;
        Assumptions.assumeTrue(node, "no node on PATH: SecondImplementationTest skipped");
        if (!Files.isDirectory(SERVER.resolve("node_modules/ws"))) {
            assertEquals(0, run(SERVER, "npm", "install", "--no-package-lock", "--no-audit", "--no-fund"), "npm install in " + SERVER);
        }
    }

    @Test
    void theConformantImplementationPassesTheWholeGateWithNoFinding() throws Exception {
        assertEquals(HarnessCli.PASS, gate(""));
        JsonNode gate = Json.MAPPER.readTree(reports.resolve("local/latest/gate.json").toFile());
        assertEquals(0, gate.path("non_strict").size(), gate.path("non_strict").toString());
        assertTrue(gate.path("counts").path("passed").asInt() >= 60, gate.path("counts").toString());
    }

    @Test
    void onVoiceLiveV1ItsVoiceTurnsPassInTheGaDialect() throws Exception {
        assertEquals(HarnessCli.PASS, gate("AZURE_VOICELIVE_API_VERSION=v1 ", "--tags", "@voice and @smoke"));
        assertTrue(Files.readString(reports.resolve("local/latest/results.jsonl")).contains("\"verdict\":\"PASSED\""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "no-transcription     | @uat:voice-2                                | FAILED     | its session.update asked for no input_audio_transcription",
            "no-zep-write         | @uat:chat-2                                 | FAILED     | no Zep write for session",
            "ignore-unknown-agent | @voice and @non-strict and not @sop:10.1    | NON-STRICT | no error message within",
            "close-on-bad-frame   | @voice and @non-strict and not @sop:10.1    | NON-STRICT | closed"})
    void eachDepartureIsFoundAtItsLevelNamingTheCause(String departure, String tags, String verdict, String cause) throws Exception {
        int exit = gate("ENGRAM_DEPART=" + departure + " ", "--tags", tags);
        assertEquals(verdict.equals("FAILED") ? HarnessCli.FAIL : HarnessCli.PASS, exit);
        boolean found = false;
        for (String line : Files.readAllLines(reports.resolve("local/latest/results.jsonl"))) {
            JsonNode result = Json.parse(line);
            found |= result.path("verdict").asText().equals(verdict) && result.path("failure").asText().contains(cause);
        }
        assertTrue(found, "no " + verdict + " naming \"" + cause + "\" in " + Files.readString(reports.resolve("local/latest/results.jsonl")));
    }

    private int gate(String prefix, String... more) {
        String[] args = new String[] {"gate", "--backend-cmd", prefix + "node " + SERVER.resolve("server.js"), "--quiet", "--reports", reports.toString()};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return HarnessCli.run(all);
    }

    private static int run(Path dir, String... command) throws Exception {
        // never inherit stdin: surefire talks to this JVM through it, and a child that reads it corrupts the channel
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return p.waitFor(5, TimeUnit.MINUTES) ? p.exitValue() : -1;
    }
}
