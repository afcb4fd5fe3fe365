package dev.engram.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.harness.cli.HarnessCli;
import dev.engram.harness.report.LoadMerge;
import dev.engram.harness.report.LoadShard;
import dev.engram.load.LoadFigures;
import dev.engram.load.Thresholds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load that scales out: shards of a profile merge into one verdict. Counts add up, histograms add exactly, SOP 6.6
 * judges the merged figures, and a set that is not shards 1..N of one profile is refused.
 */
class LoadMergeTest {
    @TempDir
    Path work;

    @Test
    void threeShardsOnLoopbackMergeIntoOnePassingRunWhoseCountsAreTheSum() throws Exception {
        Path shards = work.resolve("shards");
        for (int i = 1; i <= 3; i++) {
            assertEquals(HarnessCli.PASS, HarnessCli.run("load", "--profile", "smoke", "--shard", i + "/3", "--reports", shards.toString()));
        }
        List<Path> folders = LoadMerge.find(List.of(shards));
        assertEquals(3, folders.size(), "one folder per shard");
        long chats = 0;
        long voices = 0;
        long measured = 0;
        for (Path folder : folders) {
            LoadShard shard = LoadShard.read(folder);
            chats += shard.chatOk() + shard.chatFailed();
            voices += shard.voiceOk() + shard.voiceFailed();
            measured += LoadShard.histograms(folder).get(LoadShard.CHAT).getTotalCount();
        }
        assertEquals(HarnessCli.PASS, HarnessCli.run("load", "merge", shards.toString(), "--reports", work.resolve("merged").toString()));
        LoadMerge.Result merged = LoadMerge.merge(folders, Thresholds.load());
        assertEquals(chats, merged.chatOk() + merged.chatFailed(), "merged chats are the sum of the shards'");
        assertEquals(voices, merged.voiceOk() + merged.voiceFailed(), "merged voice sessions are the sum of the shards'");
        assertEquals(measured, merged.chat().count(), "every shard's chat latencies are in the merged histogram");
        assertEquals(4, voices, "smoke's 3 voice users dealt over 3 shards, and the one mixed user on shard 1");
        try (var files = Files.walk(work.resolve("merged"))) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().equals("load.html")), "an HTML summary");
        }
    }

    @Test
    void mergedPercentilesAreThoseOfAllTheSamplesTogether() throws Exception {
        Random random = new Random(7);
        Histogram all = new Histogram(LoadFigures.HIGHEST_MS, 3);
        for (int i = 1; i <= 3; i++) {
            Histogram chat = new Histogram(LoadFigures.HIGHEST_MS, 3);
            for (int n = 0; n < 1000; n++) {
                long ms = 20 + (long) Math.abs(random.nextGaussian() * 40 * i);
                chat.recordValue(ms);
                all.recordValue(ms);
            }
            shard(i, 3, "baseline", chat, 0);
        }
        LoadMerge.Result merged = LoadMerge.merge(LoadMerge.find(List.of(work)), Thresholds.load());
        assertEquals(all.getValueAtPercentile(95), merged.chat().p95());
        assertEquals(all.getValueAtPercentile(99), merged.chat().p99());
        assertEquals(3000, merged.chat().count());
        assertEquals("PASS", merged.verdict(), String.valueOf(merged.rules()));
    }

    @Test
    void aMergedChatP95OverThreeSecondsFailsSop66() throws Exception {
        for (int i = 1; i <= 2; i++) {
            Histogram chat = new Histogram(LoadFigures.HIGHEST_MS, 3);
            for (int n = 0; n < 100; n++) {
                chat.recordValue(i == 2 && n < 20 ? 4_000 : 100); // 10 % of all chats are slow: p95 is 4 s
            }
            shard(i, 2, "baseline", chat, 0);
        }
        LoadMerge.Result merged = LoadMerge.merge(LoadMerge.find(List.of(work)), Thresholds.load());
        assertEquals("FAIL", merged.verdict());
        assertTrue(merged.rules().stream().anyMatch(r -> !r.passed() && r.rule().equals("sop-6.6-chat-latency")), String.valueOf(merged.rules()));
    }

    @Test
    void aMissingOrForeignShardIsAUsageErrorNamingIt() throws Exception {
        shard(1, 3, "baseline", new Histogram(LoadFigures.HIGHEST_MS, 3), 0);
        shard(3, 3, "baseline", new Histogram(LoadFigures.HIGHEST_MS, 3), 0);
        IllegalArgumentException missing = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LoadMerge.merge(LoadMerge.find(List.of(work)), Thresholds.load()));
        assertTrue(missing.getMessage().startsWith("shard 2/3 of baseline is missing"), missing.getMessage());
        shard(2, 3, "spike", new Histogram(LoadFigures.HIGHEST_MS, 3), 0);
        assertEquals(HarnessCli.USAGE, HarnessCli.run("load", "merge", work.toString(), "--reports", work.resolve("merged").toString()));
    }

    private void shard(int index, int count, String profile, Histogram chat, int gatlingStatus) throws Exception {
        Path folder = Files.createDirectories(work.resolve("run-" + profile + "-" + index));
        LoadShard.write(folder, new LoadShard(profile, index + "/" + count, "local", "http://127.0.0.1:9", gatlingStatus, 100, chat.getTotalCount(), 0, 5, 0),
                new LoadFigures.Snapshot(chat.getTotalCount(), 0, 5, 0, chat, new Histogram(LoadFigures.HIGHEST_MS, 3)));
    }
}
