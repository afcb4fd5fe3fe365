package dev.engram.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.harness.cli.HarnessCli;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./harness bench ...} at a load small enough for a test: each prints one JSON line whose figures agree with
 * one another and with the load asked for. Speed is never asserted here; BENCHMARKS.md holds the measured figures.
 */
class BenchCommandTest {
    @BeforeAll
    static void needsNode() {
        Assumptions.assumeTrue(onPath("node") && onPath("npm"), "no node and npm on PATH: the bench commands' load generators cannot run, tests skipped");
    }

    @Test
    void stackVoiceListsEveryMeasuredRoundAndReportsTheMedianOne() {
        JsonNode line = bench("stack-voice", "--sessions", "2", "--ramp-ms", "200", "--warmup-rounds", "0", "--runs", "3");
        assertEquals(2, line.path("completed").asInt(), line.toString());
        List<Double> shares = new ArrayList<>();
        line.path("rounds").forEach(round -> {
            assertEquals(2, round.path("completed").asInt(), line.toString());
            shares.add(round.path("on_time").asDouble());
        });
        assertEquals(3, shares.size(), line.toString());
        assertEquals(shares.stream().sorted().toList().get(1), line.path("on_time").asDouble(), "the median round's share: " + line.toString());
        assertEquals(shares.stream().filter(share -> share >= 0.99).count(), line.path("rounds_at_least_99_percent_on_time").asLong(), line.toString());
        assertTrue(line.path("result").path("frames").asInt() > 0, "answer frames were timed: " + line.toString());
        assertMachine(line);
    }

    @Test
    void stackVoiceRefusesToMeasureNoRound() {
        assertEquals(HarnessCli.USAGE, CliRun.of("bench", "stack-voice", "--runs", "0").exit());
    }

    @Test
    void simulatorMeasuresItselfAndTheNodePacerWithTheSameSchedule() {
        JsonNode line = bench("simulator", "--sessions", "3", "--turns", "1", "--warmup-sessions", "0", "--ramp-ms", "100");
        assertEquals(3, line.path("completed").asInt(), line.toString());
        assertEquals(3, line.path("node_anchor").path("completed").asInt(), line.toString());
        assertEquals(line.path("simulator").path("frames").asInt(), line.path("node_anchor").path("frames").asInt(), "the same frame schedule: " + line.toString());
        assertEquals(line.path("on_time").asDouble() / line.path("anchor_on_time").asDouble(), line.path("ratio_to_anchor").asDouble(), 1e-9, line.toString());
        assertMachine(line);
    }

    @Test
    void chatRunsWrkAndTheOpenModelInjectorBesideBothAnchors() {
        Assumptions.assumeTrue(onPath("wrk"), "no wrk on PATH (Debian: apt-get install -y wrk): bench chat's test skipped");
        JsonNode line = bench("chat", "--warmup", "1", "--seconds", "2", "--rate", "20", "--connections", "2", "--open-warmup", "1", "--open-connections", "3");
        assertTrue(line.path("chat").path("requests_per_s").asDouble() > 0, line.toString());
        assertEquals(0, line.path("chat").path("non_2xx").asInt(), "every chat answered 200: " + line.toString());
        JsonNode open = line.path("open_model");
        assertEquals(40, open.path("intended").asInt(), line.toString());
        assertEquals(40, open.path("completed").asInt(), line.toString());
        assertEquals(0, open.path("errors").asInt(), line.toString());
        assertEquals(3, open.path("connections").asInt(), "the open model's connection bound reaches the injector: " + line);
        assertTrue(open.path("injector_cpu_ms_per_request").asDouble() > 0, "the injector's own CPU is reported: " + line);
        assertEquals(20, open.path("warmup").path("completed").asInt(), "one second of warm-up at 20/s, not counted: " + line);
        assertEquals(3, open.path("per_second").size(), "a figure for each second of the schedule, warm-up included: " + line);
        int measured = 0;
        for (JsonNode second : open.path("per_second")) {
            measured += second.path("warmup").asBoolean() ? 0 : second.path("completed").asInt();
        }
        assertEquals(40, measured, "the measured seconds' chats add up to the whole: " + line);
        double chat = line.path("chat").path("requests_per_s").asDouble();
        assertEquals(chat / line.path("gateway_hop").path("requests_per_s").asDouble(), line.path("ratio_to_gateway_hop").asDouble(), 1e-9, line.toString());
        double exchanges = line.path("exchanges_per_chat").asDouble();
        assertEquals(6, exchanges, 0.2, "the chat, two Zep reads, the gateway call and two Zep writes, counted from the simulators' journals: " + line);
        assertEquals(exchanges * line.path("ratio_to_gateway_hop").asDouble(), line.path("exchanges_ratio_to_gateway_hop").asDouble(), 1e-9, line.toString());
        assertMachine(line);
    }

    /** Runs {@code ./harness bench ...}, which must pass, and returns its JSON line. */
    private static JsonNode bench(String... args) {
        List<String> command = new ArrayList<>(List.of("bench"));
        command.addAll(List.of(args));
        CliRun run = CliRun.of(command.toArray(String[]::new));
        assertEquals(HarnessCli.PASS, run.exit(), run.output());
        return run.json();
    }

    private static boolean onPath(String program) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, program)));
    }

    private static void assertMachine(JsonNode line) {
        assertEquals(Runtime.getRuntime().availableProcessors(), line.path("machine").path("cores").asInt(), line.toString());
    }
}
