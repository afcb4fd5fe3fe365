package dev.engram.harness.cli;

import dev.engram.reference.EngramMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * The in-repo reference Engram server as a process of its own, configured only by the SOP's variables and
 * {@code PORT}: what {@code gate --backend-cmd "./harness reference"} gates like any foreign backend.
 */
@Command(name = "reference", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run the reference Engram server alone, configured by the SOP variables in this environment and PORT (default 8082).")
public final class ReferenceCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        EngramMain.main(new String[0]);
        Thread.currentThread().join();
        return HarnessCli.PASS;
    }
}
