package dev.engram.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.harness.stack.StandaloneSimulator;
import dev.engram.support.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench simulator}: the VoiceLive simulator under realtime sessions from a separate process
 * ({@code bench/node/voice-injector.mjs}), and in the same run, with the same injector and frame schedule, a Node.js
 * {@code ws} pacer ({@code bench/node/pacer.mjs}) as the anchor. Prints one JSON line.
 */
@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = "Realtime VoiceLive sessions (a text turn each, the answer paced at real time) from a Node.js injector process;"
                + " the same injector against a Node.js ws pacer with the same frame schedule as the anchor.")
final class SimulatorBench implements Callable<Integer> {
    @Option(names = "--sessions", defaultValue = "1000", description = "concurrent sessions (default: ${DEFAULT-VALUE})")
    int sessions;

    @Option(names = "--duplex", description = "each session also streams 100 ms of input audio every 100 ms while the answer plays")
    boolean duplex;

    @Option(names = "--turns", defaultValue = "4", description = "spoken answers per session, one after the other (default: ${DEFAULT-VALUE})")
    int turns;

    @Option(names = "--warmup-sessions", defaultValue = "200", description = "sessions of two turns each before anything is measured, for the JIT (default: ${DEFAULT-VALUE})")
    int warmupSessions;

    @Option(names = "--ramp-ms", defaultValue = "5000", description = "sessions start evenly over this time (default: ${DEFAULT-VALUE})")
    int rampMs;

    @Override
    public Integer call() throws Exception {
        NodeInjector.install();
        String key = UUID.randomUUID().toString();
        try (StandaloneSimulator simulator = StandaloneSimulator.voiceLive(key, "realistic")) {
            String url = simulator.endpoint().replace("http", "ws") + "/voice-live/realtime?api-version=2025-10-01&model=gpt-realtime";
            JsonNode probe = inject(url, key, 1, false, 0, 1);
            int frames = probe.path("frames").asInt();
            if (warmupSessions > 0) {
                inject(url, key, warmupSessions, duplex, 2_000, 2); // the JIT compiles the hot path before anything is measured
            }
            System.err.println("bench simulator: one session answers with " + frames + " frames; now " + sessions + (duplex ? " duplex" : "") + " sessions");
            JsonNode measured = inject(url, key, sessions, duplex, rampMs, turns);
            Process pacer = NodeInjector.start("pacer.mjs", "--frames", String.valueOf(frames), "--chunk-ms", "100", "--latency-ms", "350");
            JsonNode anchor;
            try {
                int port = Json.parse(new BufferedReader(new InputStreamReader(pacer.getInputStream(), StandardCharsets.UTF_8)).readLine()).path("port").asInt();
                anchor = inject("ws://127.0.0.1:" + port + "/voice-live/realtime", key, sessions, duplex, rampMs, turns);
            } finally {
                pacer.destroy();
            }
            ObjectNode line = Json.object().put("bench", "simulator").put("sessions", sessions).put("duplex", duplex)
                    .put("on_time", measured.path("on_time").asDouble())
                    .put("completed", measured.path("completed").asInt())
                    .put("anchor_on_time", anchor.path("on_time").asDouble())
                    .put("ratio_to_anchor", anchor.path("on_time").asDouble() == 0 ? 0 : measured.path("on_time").asDouble() / anchor.path("on_time").asDouble())
                    .put("method", "open sessions started evenly over " + rampMs + " ms by bench/node/voice-injector.mjs (a separate Node.js process); each asks"
                            + " for " + turns + " spoken answers in turn (realistic pacing: 100 ms audio deltas at real time) and times frame k against the first frame's"
                            + " arrival plus the audio before it; on_time = share of frames within 50 ms of schedule"
                            + (duplex ? "; duplex: 100 ms of input audio sent every 100 ms meanwhile" : "")
                            + "; anchor: the same injector against bench/node/pacer.mjs (Node.js ws) with the same frame count and schedule");
            line.put("warm_up", warmupSessions + " sessions x 2 turns, not measured");
            line.set("simulator", measured);
            line.set("node_anchor", anchor);
            line.set("machine", Json.MAPPER.valueToTree(BenchCommand.machine()));
            System.out.println(Json.write(line));
            return measured.path("completed").asInt() == sessions ? HarnessCli.PASS : HarnessCli.FAIL;
        }
    }

    private static JsonNode inject(String url, String key, int sessions, boolean duplex, int rampMs, int turns) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--url", url, "--api-key", key, "--sessions", String.valueOf(sessions),
                "--ramp-ms", String.valueOf(rampMs), "--turns", String.valueOf(turns)));
        if (duplex) {
            args.add("--duplex");
        }
        return NodeInjector.run("voice-injector.mjs", args.toArray(String[]::new));
    }
}
