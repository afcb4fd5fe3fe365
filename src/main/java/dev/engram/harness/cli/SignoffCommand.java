package dev.engram.harness.cli;

import dev.engram.harness.signoff.Attestations;
import dev.engram.harness.signoff.RequirementCatalogue;
import dev.engram.harness.signoff.Signoff;
import dev.engram.harness.signoff.SignoffRun;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Re-renders signoff.html/.md/.json from a saved run, without running anything. */
@Command(name = "signoff", mixinStandardHelpOptions = true,
        description = "Re-render the UAT sign-off report of a saved run; exit 0 ready for production, 1 not ready, 2 bad input.")
public final class SignoffCommand implements Callable<Integer> {
    @Option(names = "--results", required = true, description = "a run's report folder, e.g. reports/uat/latest")
    Path results;

    @Option(names = "--attestations", description = "manual attestations (default: uat-attestations.yaml when present)")
    Path attestations;

    @Option(names = "--version", description = "the version under test (default: what /health reported during the run)")
    String version;

    @Override
    public Integer call() {
        Signoff signoff;
        try {
            signoff = SignoffRun.render(results, SignoffRun.attestations(attestations, RequirementCatalogue.load()), version, false);
        } catch (IllegalArgumentException | Attestations.AttestationException | java.io.UncheckedIOException e) {
            System.err.println("harness: " + e.getMessage());
            return HarnessCli.USAGE;
        }
        print(signoff, results);
        return signoff.ready() ? HarnessCli.PASS : HarnessCli.FAIL;
    }

    static void print(Signoff signoff, Path folder) {
        long gaps = signoff.items().stream().filter(i -> i.status().equals(Signoff.GAP) || i.status().equals(Signoff.PENDING)).count();
        long failed = signoff.items().stream().filter(i -> i.status().equals(Signoff.FAILED)).count();
        System.out.println("Ready for production deployment: " + (signoff.ready() ? "YES" : "NO") + " (version " + signoff.version()
                + "; " + failed + " failed, " + gaps + " gap or pending item(s)) -> " + folder.resolve("signoff.html"));
    }
}
