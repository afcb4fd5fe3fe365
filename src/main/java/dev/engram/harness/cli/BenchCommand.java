package dev.engram.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.harness.stack.EmbeddedStack;
import dev.engram.harness.stack.Simulators;
import dev.engram.support.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Benchmarks, each one command printing one JSON line with its figures, its method and the machine. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Benchmarks with their method: 'gate' (a soak of the full gate), 'chat' (wrk against the chat path, with a one-hop"
                + " anchor) 'simulator' (realtime VoiceLive sessions from a separate process, with a Node.js ws pacer anchor) and 'stack-voice'"
                + " (voice sockets through the whole stack from a separate process).",
        subcommands = {GateBench.class, BenchCommand.Chat.class, SimulatorBench.class, StackVoiceBench.class})
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** CPU time of this process so far, all threads. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("harness", dev.engram.harness.config.HarnessVersion.value());
        return m;
    }

    /** {@code bench chat}: wrk, a separate process, against POST /api/v1/chat and, as the anchor, GET /health. */
    @Command(name = "chat", mixinStandardHelpOptions = true, description = "wrk against the chat path (reference server, gateway, Zep) and one hop (/health) in the same run.")
    static final class Chat implements Callable<Integer> {
        @Option(names = "--connections", defaultValue = "16") int connections;
        @Option(names = "--seconds", defaultValue = "10") int seconds;
        @Option(names = "--warmup", defaultValue = "120", description = "seconds of chat load before the measured run (default: ${DEFAULT-VALUE}); "
                + "on two cores the JIT needs about two minutes under load to reach the steady state")
        int warmup;
        @Option(names = "--rate", defaultValue = "2000", description = "requests/s of the open-model run, timed from each intended send (default: ${DEFAULT-VALUE})")
        int rate;
        @Option(names = "--open-warmup", defaultValue = "15", description = "seconds the open model sends at its rate before it measures "
                + "(default: ${DEFAULT-VALUE}); each second, these included, is in its per_second figures. A new injector's step from idle "
                + "to the full rate queues for 2-3 s, and the seconds after it still vary")
        int openWarmup;
        @Option(names = "--open-connections", defaultValue = "64", description = "keep-alive connections the open model may open at most "
                + "(default: ${DEFAULT-VALUE}); a send finding all of them busy waits in the injector, and that wait counts as latency")
        int openConnections;
        private int runs; // wrk runs so far: each labels its session ids

        @Override
        public Integer call() throws Exception {
            Path script = Files.createTempFile("engram-chat", ".lua");
            Files.writeString(script, """
                    -- a session id no other request of any wrk run or thread has used: "session-1-bench-<run>-<thread>-<n>"
                    local threads = 0
                    function setup(thread)
                      threads = threads + 1
                      thread:set("thread_id", threads)
                    end
                    function init(args)
                      prefix = "session-1-bench-" .. args[1] .. "-" .. thread_id .. "-"
                      counter = 0
                    end
                    wrk.method = "POST"
                    wrk.headers["Content-Type"] = "application/json"
                    request = function()
                      counter = counter + 1
                      return wrk.format(nil, nil, nil, '{"content":"What is the capital of France?","agent_id":"elena","session_id":"' .. prefix .. counter .. '"}')
                    end
                    """);
            Path gatewayScript = Files.createTempFile("engram-gateway", ".lua");
            try (EmbeddedStack stack = EmbeddedStack.start()) {
                String api = stack.endpoints().api();
                Files.writeString(gatewayScript, """
                        wrk.method = "POST"
                        wrk.headers["Content-Type"] = "application/json"
                        wrk.headers["api-key"] = "%s"
                        wrk.body = '{"model":"%s","messages":[{"role":"system","content":"You are Elena."},{"role":"user","content":"What is the capital of France?"}]}'
                        """.formatted(stack.backendVariables(true).get("AZURE_AI_KEY"), EmbeddedStack.DEPLOYMENT));
                wrk(api + "/api/v1/chat", script, warmup); // the JIT compiles the chat path before it is measured
                Simulators simulators = Simulators.of(stack.endpoints()).orElseThrow();
                int upstreamBefore = upstreamCalls(simulators);
                Map<String, Object> chat = wrk(api + "/api/v1/chat", script);
                double exchangesPerChat = 1 + (upstreamCalls(simulators) - upstreamBefore) / (double) chat.get("requests");
                JsonNode open = NodeInjector.run("chat-open-model.mjs", "--url", api + "/api/v1/chat", "--rate", String.valueOf(rate),
                        "--seconds", String.valueOf(seconds), "--warmup-seconds", String.valueOf(openWarmup), "--connections", String.valueOf(openConnections));
                Map<String, Object> gatewayHop = wrk(stack.endpoints().gateway() + "/chat/completions", gatewayScript);
                Map<String, Object> hop = wrk(api + "/health", null);
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("bench", "chat");
                line.put("method", "wrk -t2 -c" + connections + " -d" + seconds + "s (closed model: wrk's latency is from send, not from an intended schedule), "
                        + "a new session id per request (so two Zep reads, one gateway call and two Zep writes each; exchanges_per_chat counts them: the "
                        + "chat itself plus the gateway's and Zep's journalled calls during the measured run, per chat), after " + warmup
                        + " s of the same load; anchors in the same run: one hop that does the same kind of work (the gateway simulator's "
                        + "chat completion, JSON in and out) and the lightest hop (GET /health on the reference server); open_model: "
                        + "bench/node/chat-open-model.mjs (a Node.js process) sends " + rate + " chats/s for " + seconds
                        + " s whatever the answers do, over at most " + openConnections + " keep-alive connections, after " + openWarmup + " s at the same rate not counted (the step from idle to the full rate: new connections, the injector's JIT), "
                        + "each timed from its intended send time (exact percentiles over all measured samples; per_second: every second, warm-up included; "
                        + "injector_cpu_ms_per_request: the injector's own CPU, which the server did not get on a shared machine); "
                        + "exchanges_ratio_to_gateway_hop: HTTP exchanges per second on the chat path against the gateway hop's");
                line.put("chat", chat);
                line.put("open_model", open);
                line.put("gateway_hop", gatewayHop);
                line.put("one_hop", hop);
                double ratioToGatewayHop = (double) chat.get("requests_per_s") / (double) gatewayHop.get("requests_per_s");
                line.put("ratio_to_gateway_hop", ratioToGatewayHop);
                line.put("ratio_to_one_hop", (double) chat.get("requests_per_s") / (double) hop.get("requests_per_s"));
                line.put("exchanges_per_chat", exchangesPerChat);
                line.put("exchanges_ratio_to_gateway_hop", exchangesPerChat * ratioToGatewayHop);
                line.put("machine", machine());
                System.out.println(Json.write(line));
            } finally {
                Files.deleteIfExists(script);
                Files.deleteIfExists(gatewayScript);
            }
            return HarnessCli.PASS;
        }

        /** The calls the chat path made upstream so far: the gateway's and Zep's journals count every one. */
        private static int upstreamCalls(Simulators simulators) {
            return simulators.gatewayCallCount() + simulators.zepCallCount();
        }

        private Map<String, Object> wrk(String url, Path script) throws IOException, InterruptedException {
            return wrk(url, script, seconds);
        }

        private Map<String, Object> wrk(String url, Path script, int duration) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + duration + "s", "--latency"));
            if (script != null) {
                command.addAll(List.of("-s", script.toString()));
            }
            command.add(url);
            command.addAll(List.of("--", String.valueOf(++runs))); // the script's run label: its session ids are new in every run
            Process p;
            try {
                p = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new IllegalStateException("bench chat needs wrk on PATH (Debian: apt-get install -y wrk): " + e.getMessage(), e);
            }
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("requests_per_s", number(out, "Requests/sec:\\s+([\\d.]+)"));
            figures.put("requests", number(out, "(\\d+) requests in"));
            for (String pct : List.of("50", "90", "99")) {
                figures.put("p" + pct + "_ms", millis(out, "\\s" + pct + "%\\s+([\\d.]+)(us|ms|s)"));
            }
            figures.put("non_2xx", number(out, "Non-2xx or 3xx responses:\\s+(\\d+)"));
            return figures;
        }

        private static double number(String text, String regex) {
            Matcher m = Pattern.compile(regex).matcher(text);
            return m.find() ? Double.parseDouble(m.group(1)) : 0;
        }

        private static double millis(String text, String regex) {
            Matcher m = Pattern.compile(regex).matcher(text);
            if (!m.find()) {
                return -1;
            }
            double v = Double.parseDouble(m.group(1));
            return switch (m.group(2)) {
                case "us" -> v / 1000;
                case "s" -> v * 1000;
                default -> v;
            };
        }
    }
}
