package dev.engram.harness.cli;

import dev.engram.harness.client.TargetUnreachable;
import dev.engram.harness.config.Target;
import dev.engram.harness.report.ReportFolders;
import dev.engram.harness.stack.RunTarget;
import dev.engram.harness.stack.Simulators;
import dev.engram.harness.stack.TargetOptions;
import dev.engram.harness.report.LoadShard;
import dev.engram.load.LoadFigures;
import dev.engram.load.LoadProfile;
import dev.engram.load.LoadTarget;
import dev.engram.reference.ConfigurationException;
import dev.engram.support.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the Gatling load simulation against the embedded stack or a deployed Engram; the exit code is the verdict. */
@Command(name = "load", mixinStandardHelpOptions = true, subcommands = LoadMergeCommand.class,
        description = "Load-test chat and the voice socket with Gatling; exit 0 when every SOP 6.6 assertion holds, 1 when one fails, 2 for a usage error. "
                + "With --shard i/N, one of N injectors; 'load merge' combines their results.")
public final class LoadCommand implements Callable<Integer> {
    public static final String SIMULATION = "dev.engram.load.EngramLoadSimulation";

    @Option(names = "--profile", defaultValue = "smoke", description = "smoke, baseline, spike or soak (gatling/data/profiles.json)")
    String profile;

    @Option(names = "--env", defaultValue = "local", description = "local (embedded stack) or a deployed environment")
    String environment;

    @Option(names = "--api", description = "API base URL of a deployed Engram (default: ENGRAM_<ENV>_API_URL)")
    String api;

    @Option(names = "--gateway-fault", description = "embedded stack only: arm a chat gateway fault from simulator/data/faults.json first")
    String gatewayFault;

    @Option(names = "--reports", defaultValue = "reports", description = "report root (default: ${DEFAULT-VALUE})")
    Path reports;

    @Option(names = "--shard", defaultValue = "1/1", paramLabel = "i/N", description = "run shard i of N: 1/N of the chat arrival rate and every "
            + "N-th voice session, so N injectors (for example a CI matrix) carry the whole profile; combine with 'load merge' (default: ${DEFAULT-VALUE})")
    String shard;

    @Override
    public Integer call() throws Exception {
        RunTarget run;
        LoadTarget.Shard part;
        LoadProfile whole;
        try {
            whole = LoadProfile.named(profile);
            part = LoadTarget.Shard.parse(shard);
            run = RunTarget.resolve(new TargetOptions(environment, api, null, false, null, null, null, null, null,
                    java.time.Duration.ofSeconds(60), reports, null, null), System.getenv(), Map.of("ENGRAM_GATEWAY_TIMEOUT_MS", "10000", "ENGRAM_VOICE_STALL_MS", "15000"));
            if (gatewayFault != null) {
                Simulators.of(run.target().endpoints()).orElseThrow(() -> new IllegalArgumentException(
                        "--gateway-fault needs the embedded stack (leave out --api)")).armGatewayFault(gatewayFault);
            }
            if (!run.target().embedded()) {
                GateCommand.probe(run.target().api());
            }
        } catch (IllegalArgumentException | ConfigurationException | TargetUnreachable e) {
            System.err.println("harness: " + e.getMessage());
            return HarnessCli.USAGE;
        }
        Target target = run.target();
        try {
            Path folder = ReportFolders.newRun(reports, environment);
            Path gatling = Files.createDirectories(folder.resolve("gatling"));
            Instant started = Instant.now();
            int status;
            java.util.List<String> agents = new dev.engram.harness.client.EngramApi(target).agentIds();
            if (agents.isEmpty()) {
                System.err.println("harness: " + target.api() + "/api/v1/agents lists no agent, so the load cannot pick one (SOP 10.1)");
                return HarnessCli.USAGE;
            }
            LoadTarget load = LoadTarget.of(target.api(), profile, whole, target.bearerToken().orElse(null), agents, part);
            try (AutoCloseable handedOver = load.handOver()) {
                status = io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {"--simulation", SIMULATION,
                        "--results-folder", gatling.toString(), "--run-description", "engram " + profile + " shard " + part + " on " + environment});
            }
            LoadFigures.Snapshot figures = load.figures().snapshot();
            LoadShard.write(folder, new LoadShard(profile, part.toString(), environment, target.api(), status, part.share(whole.intendedChats()),
                    figures.chatOk(), figures.chatFailed(), figures.voiceOk(), figures.voiceFailed()), figures);
            boolean passed = status == 0;
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("verdict", passed ? "PASS" : "FAIL");
            summary.put("decided_by", passed ? "all load assertions held" : "a Gatling assertion failed (see the report's assertions)");
            summary.put("environment", environment);
            summary.put("target", target.api());
            summary.put("profile", profile);
            summary.put("shard", part.toString());
            summary.put("gatling_status", status);
            summary.put("gateway_fault", gatewayFault);
            summary.put("started", started.toString());
            summary.put("finished", Instant.now().toString());
            summary.put("report", findReport(gatling));
            Files.writeString(folder.resolve("load.json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(summary) + "\n");
            ReportFolders.markLatest(reports, environment, folder);
            System.out.println("Load " + profile + (part.count() > 1 ? " shard " + part : "") + " on " + environment + ": " + (passed ? "PASS" : "FAIL")
                    + " -> " + summary.get("report") + " (mergeable figures: " + folder.resolve(LoadShard.FILE) + ")");
            return passed ? HarnessCli.PASS : HarnessCli.FAIL;
        } finally {
            run.close();
        }
    }

    private static String findReport(Path gatling) throws Exception {
        try (var files = Files.walk(gatling, 2)) {
            return files.filter(p -> p.getFileName().toString().equals("index.html")).findFirst().map(Path::toString).orElse("(no report written)");
        }
    }
}
