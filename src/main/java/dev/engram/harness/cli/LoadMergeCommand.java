package dev.engram.harness.cli;

import dev.engram.harness.report.LoadMerge;
import dev.engram.harness.report.LoadMergeReport;
import dev.engram.harness.report.ReportFolders;
import dev.engram.load.Thresholds;
import dev.engram.support.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./harness load merge DIR...}: the shards of one load profile, combined and judged by SOP 6.6. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Combine the shards of a load run (./harness load --shard i/N, one folder per shard or any folder above them): "
                + "counts summed, HdrHistograms added, SOP 6.6 applied to the merged figures; writes load.json and load.html. "
                + "Exit 0 pass, 1 fail, 2 when the shards are not 1..N of one profile.")
public final class LoadMergeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR", description = "folders holding the shards' shard.json and latency.hlog")
    List<Path> folders;

    @Option(names = "--reports", defaultValue = "reports", description = "report root for the merged run (default: ${DEFAULT-VALUE})")
    Path reports;

    @Override
    public Integer call() throws Exception {
        LoadMerge.Result merged;
        try {
            merged = LoadMerge.merge(LoadMerge.find(folders), Thresholds.load());
        } catch (IllegalArgumentException e) {
            System.err.println("harness: " + e.getMessage());
            return HarnessCli.USAGE;
        }
        Path folder = ReportFolders.newRun(reports, merged.parts().get(0).environment() + "-merged");
        Files.writeString(folder.resolve("load.json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(merged) + "\n");
        Files.writeString(folder.resolve("load.html"), LoadMergeReport.html(merged));
        merged.rules().stream().filter(r -> !r.passed()).forEach(r -> System.out.println("rule " + r.rule() + " failed: " + r.detail()));
        System.out.println("Load " + merged.profile() + " merged from " + merged.shards() + " shard(s): " + merged.verdict() + " (chat p95 "
                + merged.chat().p95() + " ms over " + merged.chat().count() + " chats; " + merged.voiceFailed() + " of "
                + (merged.voiceOk() + merged.voiceFailed()) + " voice sessions failed) -> " + folder.resolve("load.html"));
        return merged.passed() ? HarnessCli.PASS : HarnessCli.FAIL;
    }
}
