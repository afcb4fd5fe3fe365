package dev.engram.harness.cli;

import dev.engram.harness.check.Diagnosis;
import dev.engram.harness.config.Environments;
import dev.engram.harness.config.Target;
import dev.engram.harness.config.TargetResolver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The WebSocket troubleshooting guide from the harness's side: one line per step, the first failure explained. */
@Command(name = "diagnose", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Probe an Engram's voice path step by step (DNS, TCP, TLS, HTTP/1.1 upgrade, session, affinity, idle, "
                + "its /connectivity/test); exit 0 when every step passes, 1 when one fails, 2 for a usage error.")
public final class DiagnoseCommand implements Callable<Integer> {
    @Option(names = "--env", defaultValue = "local", description = "which environment's URL and token to use (default: ${DEFAULT-VALUE})")
    String environment;

    @Option(names = "--api", description = "the Engram API base URL (default: ENGRAM_<ENV>_API_URL)")
    String api;

    @Option(names = "--idle", defaultValue = "0", description = "also hold an idle voice socket this many seconds (the ingress default timeout is 240 s)")
    int idleSeconds;

    @Override
    public Integer call() {
        Target target;
        try {
            Environments.require(environment);
            target = new TargetResolver(System.getenv()).deployed(environment, api, null)
                    .orElseThrow(() -> new IllegalArgumentException("diagnose needs --api URL (or ENGRAM_" + environment.toUpperCase() + "_API_URL)"));
        } catch (IllegalArgumentException e) {
            System.err.println("harness: " + e.getMessage());
            return HarnessCli.USAGE;
        }
        System.out.println("Diagnose " + target.api() + " (WebSocket troubleshooting guide)");
        Diagnosis diagnosis = new Diagnosis(target.api(), target.bearerToken(), Duration.ofSeconds(idleSeconds));
        List<Diagnosis.Step> steps = diagnosis.run();
        steps.forEach(step -> System.out.println(step.line()));
        System.out.println(diagnosis.passed() ? "Diagnose: PASS" : "Diagnose: FAIL at " + steps.stream()
                .filter(s -> s.outcome().equals("FAIL")).findFirst().map(Diagnosis.Step::name).orElse("?"));
        return diagnosis.passed() ? HarnessCli.PASS : HarnessCli.FAIL;
    }
}
