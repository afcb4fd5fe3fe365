package dev.engram.harness.cli;

import dev.engram.harness.client.TargetUnreachable;
import dev.engram.harness.config.Environments;
import dev.engram.harness.stack.RunWorld;
import dev.engram.harness.config.Target;
import dev.engram.harness.report.FeatureRun;
import dev.engram.harness.report.GateVerdict;
import dev.engram.harness.report.ReportFolders;
import dev.engram.harness.report.RunInfo;
import dev.engram.harness.backend.BackendFailed;
import dev.engram.harness.stack.RunTarget;
import dev.engram.harness.stack.TargetOptions;
import dev.engram.reference.ConfigurationException;
import dev.engram.support.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import dev.engram.harness.signoff.Attestation;
import dev.engram.harness.signoff.Attestations;
import dev.engram.harness.signoff.RequirementCatalogue;
import dev.engram.harness.signoff.SignoffRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the SOP features against a target and turns the result into an exit code. */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = "Run the SOP features against the embedded stack (default) or a deployed Engram; exit 0 pass, 1 fail, 2 usage/configuration error.")
public final class GateCommand implements Callable<Integer> {
    @Option(names = "--env", defaultValue = "local", description = "local, staging, dev, test, uat or prod (default: ${DEFAULT-VALUE})")
    String environment;

    @Option(names = "--api", description = "API base URL of a deployed Engram (default: ENGRAM_<ENV>_API_URL, or the embedded stack for local)")
    String api;

    @Option(names = "--web", description = "Static Web App URL (default: ENGRAM_<ENV>_WEB_URL)")
    String web;

    @Option(names = "--local", description = "rehearse --env on the embedded stack, configured with that environment's SOP variables")
    boolean local;

    @Option(names = "--stack-as", description = "with --local: configure the stack as this environment while applying --env's rules")
    String stackAs;

    @Option(names = "--web-dist", description = "a built SPA folder (e.g. upstream's dist/) to serve through the Static Web Apps emulator, with /api pointed at the API")
    Path webDist;

    @Option(names = "--suite", description = "all, smoke, api, voice or chat (the SOP's e2e-tests.yml test_suite)")
    String suite;

    @Option(names = "--attestations", description = "manual UAT attestations (default: uat-attestations.yaml when present)")
    Path attestations;

    @Option(names = "--tags", description = "extra tag filter, Cucumber (@a and not @b) or JUnit (a & !b) syntax")
    String tags;

    @Option(names = "--reports", defaultValue = "reports", description = "report root (default: ${DEFAULT-VALUE})")
    Path reports;

    @Option(names = "--features", defaultValue = "features", description = "features folder (default: ${DEFAULT-VALUE})")
    Path features;

    @Option(names = "--backend-cmd", paramLabel = "CMD", description = "start this backend beside the simulators (PORT is exported; {port} is substituted), gate it, stop it")
    String backendCommand;

    @Option(names = "--backend-image", paramLabel = "IMAGE", description = "start this local container image beside the simulators (host network, nothing pulled), gate it, stop it")
    String backendImage;

    @Option(names = "--voicelive-replay", paramLabel = "FILE", description = "the replay profile: play this cassette"
            + " (./harness voicelive record) as VoiceLive, with its recorded timing; pick the scenarios it recorded with --tags")
    Path voiceLiveReplay;

    @Option(names = "--voicelive-record", paramLabel = "FILE", description = "record the backend's VoiceLive session with the"
            + " simulator to this cassette (audio redacted), for --voicelive-replay")
    Path voiceLiveRecord;

    @Option(names = "--stack", paramLabel = "FILE", description = "with --api: the ready line of the ./harness serve whose simulators that backend uses")
    Path stackFile;

    @Option(names = "--backend-timeout", defaultValue = "60", description = "seconds a started backend may take to answer /health (default: ${DEFAULT-VALUE})")
    int backendTimeout;

    @Option(names = "--serial", description = "run one scenario at a time (by default, scenarios that share no exclusive resource overlap)")
    boolean serial;

    @Option(names = {"-q", "--quiet"}, description = "print the verdict line only (no progress, no findings)")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        List<Attestation> attested;
        String suiteTags;
        Path folder;
        try {
            attested = SignoffRun.attestations(attestations, RequirementCatalogue.load());
            suiteTags = Suites.tags(suite);
            Environments.require(environment);
            folder = ReportFolders.newRun(reports, environment);
        } catch (Attestations.AttestationException | IllegalArgumentException e) {
            System.err.println("harness: " + e.getMessage());
            return HarnessCli.USAGE;
        }
        // the embedded servers log to the report folder, not the console: faults the gate causes on purpose are not news
        System.setProperty("org.slf4j.simpleLogger.logFile", folder.resolve("servers.log").toString());
        RunTarget run;
        try {
            run = RunTarget.resolve(new TargetOptions(environment, api, web, local, stackAs, webDist, backendCommand, backendImage,
                    stackFile, Duration.ofSeconds(backendTimeout), folder, voiceLiveReplay, voiceLiveRecord), System.getenv(), java.util.Map.of());
            if (!run.target().backend().kind().equals("reference")) {
                probe(run.target().api());
            }
        } catch (IllegalArgumentException | ConfigurationException | TargetUnreachable | BackendFailed e) {
            System.err.println("harness: " + e.getMessage());
            removeIfEmpty(folder); // a started backend's log stays as evidence; an empty run folder does not
            return HarnessCli.USAGE;
        }
        try (run; RunWorld world = run.world()) {
            Target target = run.target();
            String expression = Environments.tagExpression(environment, target, Suites.combine(suiteTags, tags));
            if (!quiet) {
                System.out.println("Gate " + environment + " against " + target.api() + " (" + target.backend().kind() + ": " + target.backend().description() + ")");
            }
            long found = FeatureRun.run(features, folder, world, RunInfo.begin(folder.getFileName().toString(), expression), !quiet, serial).size();
            ReportFolders.markLatest(reports, environment, folder);
            int exit = report(folder, found, quiet);
            if (Files.exists(folder.resolve("run-meta.json"))) {
                var signoff = SignoffRun.render(folder, attested, null, true);
                if (!quiet) {
                    SignoffCommand.print(signoff, folder);
                }
            }
            return exit;
        }
    }

    private static int report(Path folder, long found, boolean quiet) throws Exception {
        Path gate = folder.resolve("gate.json");
        if (!Files.exists(gate)) {
            System.err.println("harness: no scenario ran (" + found + " found); no verdict was written");
            return HarnessCli.FAIL;
        }
        GateVerdict verdict = Json.MAPPER.readValue(gate.toFile(), GateVerdict.class);
        if (quiet) {
            System.out.println("Gate " + verdict.environment() + ": " + verdict.verdict() + " " + verdict.counts());
            return verdict.passed() ? HarnessCli.PASS : HarnessCli.FAIL;
        }
        System.out.println();
        verdict.findings().forEach(f -> System.out.println("FAILED " + f.scenario() + " (" + f.location() + ")\n  " + f.message().replace("\n", "\n  ")));
        verdict.nonStrict().forEach(f -> System.out.println("NON-STRICT " + f.scenario() + " (" + f.location() + ")\n  " + f.message().replace("\n", "\n  ")));
        verdict.rules().stream().filter(r -> !r.passed()).forEach(r -> System.out.println("rule " + r.rule() + " failed: " + r.detail()));
        System.out.println("Gate " + verdict.environment() + ": " + verdict.verdict() + " " + verdict.counts());
        System.out.println("Reports: " + folder + " (cucumber.html, junit.xml, results.jsonl, gate.json, run-meta.json)");
        return verdict.passed() ? HarnessCli.PASS : HarnessCli.FAIL;
    }

    private static void removeIfEmpty(Path folder) {
        try (var entries = Files.list(folder)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(folder);
            }
        } catch (java.io.IOException e) {
            // left in place
        }
    }

    /** A target that does not answer at all is a configuration problem (exit 2), not a failed gate. */
    static void probe(String api) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        try {
            client.send(HttpRequest.newBuilder(URI.create(api + "/health")).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new TargetUnreachable(api, e);
        }
    }
}
