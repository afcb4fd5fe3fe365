package dev.engram.harness.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.engram.load.LoadFigures;
import dev.engram.load.Thresholds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Load shards combined: their counts summed, their HdrHistograms added, and the SOP 6.6 rules applied to the merged
 * figures (chat p95 over 3 s, VoiceLive error rate over 5 %), with the injectors' delivery and each shard's own Gatling
 * assertions (voice transcript lag and first audio p95 are asserted per shard: shards that each keep 95 % of turns
 * under a bound keep 95 % of all turns under it).
 */
public final class LoadMerge {
    private LoadMerge() {}

    /** One metric's merged distribution, in ms. */
    public record Latency(long count, long p50, long p90, long p95, long p99, long max) {
        static Latency of(Histogram h) {
            return new Latency(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(95),
                    h.getValueAtPercentile(99), h.getMaxValue());
        }
    }

    public record Rule(String rule, boolean passed, String detail) {}

    public record Result(String verdict, String profile, int shards, List<LoadShard> parts, List<Rule> rules,
            @JsonProperty("intended_chats") long intendedChats, @JsonProperty("chat_ok") long chatOk, @JsonProperty("chat_failed") long chatFailed,
            @JsonProperty("voice_ok") long voiceOk, @JsonProperty("voice_failed") long voiceFailed, Latency chat,
            @JsonProperty("voice_turn") Latency voiceTurn) {
        public boolean passed() {
            return verdict.equals("PASS");
        }
    }

    /** The shard folders under {@code roots} (a run folder, or any folder above run folders). */
    public static List<Path> find(List<Path> roots) throws IOException {
        List<Path> folders = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                throw new IllegalArgumentException(root + " is not a folder");
            }
            if (Files.exists(root.resolve(LoadShard.FILE))) {
                folders.add(root);
                continue;
            }
            try (Stream<Path> files = Files.walk(root, 4)) { // a report root holds each run twice: its own folder and latest
                files.filter(p -> p.getFileName().toString().equals(LoadShard.FILE) && !p.getParent().getFileName().toString().equals("latest"))
                        .map(Path::getParent).sorted().forEach(folders::add);
            }
        }
        return folders;
    }

    /** What the rules judge: the shards' counts summed, the merged chat distribution and the limits. */
    private record Merged(List<LoadShard> parts, long intended, long chatOk, long chatFailed, long voiceOk, long voiceFailed, Histogram chat,
            Thresholds limits) {
        static Merged of(List<LoadShard> parts, Histogram chat, Thresholds limits) {
            return new Merged(parts, sum(parts, LoadShard::intendedChats), sum(parts, LoadShard::chatOk), sum(parts, LoadShard::chatFailed),
                    sum(parts, LoadShard::voiceOk), sum(parts, LoadShard::voiceFailed), chat, limits);
        }

        private static long sum(List<LoadShard> parts, java.util.function.ToLongFunction<LoadShard> count) {
            return parts.stream().mapToLong(count).sum();
        }

        long chatP95() {
            return chat.getTotalCount() == 0 ? Long.MAX_VALUE : chat.getValueAtPercentile(95);
        }

        long voices() {
            return voiceOk + voiceFailed;
        }

        double voiceErrorPercent() {
            return voices() == 0 ? 0 : 100.0 * voiceFailed / voices();
        }

        long neededChats() {
            return (long) Math.floor(intended * limits.deliveredRateMinFraction());
        }

        List<String> failedShards() {
            return parts.stream().filter(p -> p.gatlingStatus() != 0).map(LoadShard::shard).toList();
        }
    }

    /** A rule as data: its id, its test of the merged figures, and what it says of them. */
    private record Check(String id, Predicate<Merged> passes, Function<Merged, String> detail) {
        Rule judge(Merged merged) {
            return new Rule(id, passes.test(merged), detail.apply(merged));
        }
    }

    private static final List<Check> CHECKS = List.of(
            new Check("sop-6.6-chat-latency", m -> m.chatP95() < m.limits().chatP95Ms(), m -> m.chat().getTotalCount() == 0 ? "no chat was measured"
                    : "chat p95 " + m.chatP95() + " ms over " + m.chat().getTotalCount() + " chats, each from the moment the injection schedule started it;"
                    + " the SOP alerts above " + m.limits().chatP95Ms() + " ms"),
            new Check("sop-6.6-voicelive-error-rate", m -> m.voiceErrorPercent() < m.limits().voiceErrorRatePercent(), m -> String.format(Locale.ROOT,
                    "%d of %d voice sessions failed (%.2f %%); the SOP alerts above %.0f %%", m.voiceFailed(), m.voices(), m.voiceErrorPercent(),
                    m.limits().voiceErrorRatePercent())),
            new Check("injectors-delivered", m -> m.chatOk() + m.chatFailed() >= m.neededChats(), m -> (m.chatOk() + m.chatFailed()) + " chats sent of "
                    + m.intended() + " intended; at least " + m.neededChats() + " needed, or an overloaded injector would pass silently"),
            new Check("every-shard-assertions", m -> m.failedShards().isEmpty(), m -> m.failedShards().isEmpty()
                    ? "every shard's Gatling assertions held (voice transcript lag and first audio p95 included)"
                    : "the Gatling assertions of shard(s) " + m.failedShards() + " failed; see their Gatling reports"));

    /** Merges the shards in {@code folders}; refuses (IllegalArgumentException) a set that is not shards 1..N of one profile. */
    public static Result merge(List<Path> folders, Thresholds limits) throws IOException {
        List<LoadShard> parts = new ArrayList<>();
        Histogram chat = new Histogram(LoadFigures.HIGHEST_MS, 3);
        Histogram turn = new Histogram(LoadFigures.HIGHEST_MS, 3);
        for (Path folder : folders) {
            parts.add(LoadShard.read(folder));
            Map<String, Histogram> histograms = LoadShard.histograms(folder);
            add(chat, histograms.get(LoadShard.CHAT));
            add(turn, histograms.get(LoadShard.VOICE_TURN));
        }
        requireWholeSet(parts, folders);
        parts.sort(Comparator.comparingInt(p -> p.part().index()));
        Merged m = Merged.of(parts, chat, limits);
        List<Rule> rules = CHECKS.stream().map(check -> check.judge(m)).toList();
        String verdict = rules.stream().allMatch(Rule::passed) ? "PASS" : "FAIL";
        return new Result(verdict, parts.get(0).profile(), parts.size(), parts, rules, m.intended(), m.chatOk(), m.chatFailed(), m.voiceOk(),
                m.voiceFailed(), Latency.of(chat), Latency.of(turn));
    }

    private static void add(Histogram into, Histogram part) {
        if (part != null) {
            into.add(part);
        }
    }

    private static void requireWholeSet(List<LoadShard> parts, List<Path> folders) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no shard.json found; run ./harness load --shard i/N first");
        }
        String profile = parts.get(0).profile();
        int count = parts.get(0).part().count();
        for (int i = 0; i < parts.size(); i++) {
            LoadShard p = parts.get(i);
            if (!p.profile().equals(profile) || p.part().count() != count) {
                throw new IllegalArgumentException(folders.get(i) + " is shard " + p.shard() + " of profile " + p.profile()
                        + ", but the first is a shard of " + count + " of profile " + profile);
            }
        }
        for (int index = 1; index <= count; index++) {
            final int wanted = index;
            long found = parts.stream().filter(p -> p.part().index() == wanted).count();
            if (found != 1) {
                throw new IllegalArgumentException("shard " + wanted + "/" + count + " of " + profile + " is " + (found == 0 ? "missing" : "there " + found + " times")
                        + " among " + folders);
            }
        }
    }
}
