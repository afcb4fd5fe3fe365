package dev.engram.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.harness.stack.EmbeddedStack;
import dev.engram.harness.stack.Simulators;
import dev.engram.support.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench stack-voice}: browser-like voice sockets through the whole embedded stack (reference server, VoiceLive
 * simulator at realistic pacing) from a separate Node.js process ({@code bench/node/stack-voice-injector.mjs}).
 */
@Command(name = "stack-voice", mixinStandardHelpOptions = true,
        description = "Concurrent voice sockets through the whole stack (speech in at real time, the answer paced at real time) from a Node.js injector process.")
final class StackVoiceBench implements Callable<Integer> {
    @Option(names = "--sessions", defaultValue = "200", description = "concurrent voice sessions (default: ${DEFAULT-VALUE})")
    int sessions;

    @Option(names = "--ramp-ms", defaultValue = "3000", description = "sessions start evenly over this time (default: ${DEFAULT-VALUE})")
    int rampMs;

    @Option(names = "--warmup-rounds", defaultValue = "3", description = "rounds of the same load before the measured one, for the JIT (default: ${DEFAULT-VALUE})")
    int warmupRounds;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private int runs = 1;

    @Option(names = "--runs", defaultValue = "1", description = "measured rounds, one after another on the same stack: on_time and the CPU figure "
            + "are their medians, and every round is listed, since one round on a shared machine can mislead (default: ${DEFAULT-VALUE})")
    void runs(int value) {
        if (value < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--runs must be at least 1, got " + value);
        }
        runs = value;
    }

    /** One measured round: the injector's line and the stack's CPU per session over it. */
    private record Round(JsonNode result, long cpuMsPerSession) {
        double onTime() {
            return result.path("on_time").asDouble();
        }

        int completed() {
            return result.path("completed").asInt();
        }
    }

    @Override
    public Integer call() throws Exception {
        NodeInjector.install();
        String wav = Path.of("audio-fixtures/en-US/capital-of-france.wav").toAbsolutePath().toString();
        // a load this heavy may delay frames by seconds: that is what is measured, not a stall to report
        try (EmbeddedStack stack = EmbeddedStack.builder().with(Map.of("ENGRAM_VOICE_STALL_MS", "60000")).start()) {
            Simulators.of(stack.endpoints()).orElseThrow().voicePacing("realistic");
            String api = stack.endpoints().api();
            for (int round = 0; round < warmupRounds; round++) {
                round(api, wav);
            }
            List<Round> rounds = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                long cpuBefore = BenchCommand.processCpuNanos();
                JsonNode result = round(api, wav);
                // the stack's CPU for the round (all its threads, both cores): steadier than on-time shares on a noisy machine
                rounds.add(new Round(result, (BenchCommand.processCpuNanos() - cpuBefore) / 1_000_000 / sessions));
            }
            Round median = rounds.stream().sorted(Comparator.comparingDouble(Round::onTime)).toList().get(runs / 2);
            ObjectNode line = Json.object().put("bench", "stack-voice").put("sessions", sessions)
                    .put("on_time", median.onTime()).put("completed", median.completed())
                    .put("method", "sessions started evenly over " + rampMs + " ms by bench/node/stack-voice-injector.mjs (a separate Node.js process) on"
                            + " WS /api/v1/voice/voicelive/{id}: each streams a spoken question in 4096-sample frames at real time, then 1.2 s of"
                            + " silence; VoiceLive simulator at realistic pacing; answer audio frame k is timed against the first answer frame's"
                            + " arrival plus the audio before it; on_time = share within 50 ms (with --runs: the median round's)")
                    .put("warm_up", warmupRounds + " rounds of the same load, not measured");
            line.set("result", median.result());
            line.put("stack_cpu_ms_per_session", rounds.stream().mapToLong(Round::cpuMsPerSession).sorted().toArray()[runs / 2]);
            line.put("rounds_at_least_99_percent_on_time", rounds.stream().filter(r -> r.onTime() >= 0.99).count());
            line.set("rounds", Json.MAPPER.valueToTree(rounds.stream().map(r -> Map.of("on_time", r.onTime(),
                    "p99_late_ms", r.result().path("lateness_ms").path("p99").asInt(), "completed", r.completed(),
                    "stack_cpu_ms_per_session", r.cpuMsPerSession())).toList()));
            line.set("machine", Json.MAPPER.valueToTree(BenchCommand.machine()));
            System.out.println(Json.write(line));
            return rounds.stream().allMatch(r -> r.completed() == sessions) ? HarnessCli.PASS : HarnessCli.FAIL;
        }
    }

    /** One round of the load from the Node.js injector: its JSON line. */
    private JsonNode round(String api, String wav) throws Exception {
        return NodeInjector.run("stack-voice-injector.mjs", "--api", api, "--wav", wav, "--sessions", String.valueOf(sessions),
                "--ramp-ms", String.valueOf(rampMs));
    }
}
