package dev.engram.harness.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./harness}: gate, serve, signoff. Exit codes: 0 pass, 1 fail, 2 usage or configuration error. */
@Command(name = "harness", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Executable proof of the Engram VoiceLive & Chat SOP.",
        subcommands = {GateCommand.class, ServeCommand.class, LoadCommand.class, SignoffCommand.class, ReferenceCommand.class, DiagnoseCommand.class, BenchCommand.class, VoiceLiveCommand.class,
                picocli.AutoComplete.GenerateCompletion.class})
public final class HarnessCli implements Runnable {
    public static final int PASS = 0;
    public static final int FAIL = 1;
    public static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new HarnessCli()).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
