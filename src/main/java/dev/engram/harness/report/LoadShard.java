package dev.engram.harness.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.engram.load.LoadFigures;
import dev.engram.load.LoadTarget;
import dev.engram.support.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * What one load shard leaves for the merge: {@code shard.json} (its part of the profile, its counts, its Gatling
 * verdict) and {@code latency.hlog}, an HdrHistogram log with one histogram per metric. A whole run is shard 1/1.
 */
public record LoadShard(
        String profile,
        String shard,
        String environment,
        String target,
        @JsonProperty("gatling_status") int gatlingStatus,
        @JsonProperty("intended_chats") long intendedChats,
        @JsonProperty("chat_ok") long chatOk,
        @JsonProperty("chat_failed") long chatFailed,
        @JsonProperty("voice_ok") long voiceOk,
        @JsonProperty("voice_failed") long voiceFailed) {

    public static final String FILE = "shard.json";
    public static final String HISTOGRAMS = "latency.hlog";
    public static final String CHAT = "chat";
    public static final String VOICE_TURN = "voice-turn";

    /** Which shard of how many this is. */
    public LoadTarget.Shard part() {
        return LoadTarget.Shard.parse(shard);
    }

    /** Writes {@code shard.json} and {@code latency.hlog} into a run folder. */
    public static void write(Path folder, LoadShard shard, LoadFigures.Snapshot figures) throws IOException {
        Files.writeString(folder.resolve(FILE), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(shard) + "\n");
        try (OutputStream out = Files.newOutputStream(folder.resolve(HISTOGRAMS)); PrintStream print = new PrintStream(out, false, "UTF-8")) {
            HistogramLogWriter writer = new HistogramLogWriter(print);
            writer.outputLogFormatVersion();
            writer.outputLegend();
            figures.chat().setTag(CHAT);
            figures.voiceTurn().setTag(VOICE_TURN);
            writer.outputIntervalHistogram(figures.chat());
            writer.outputIntervalHistogram(figures.voiceTurn());
        }
    }

    public static LoadShard read(Path folder) throws IOException {
        return Json.MAPPER.readValue(folder.resolve(FILE).toFile(), LoadShard.class);
    }

    /** The shard's histograms by tag ({@link #CHAT}, {@link #VOICE_TURN}). */
    public static Map<String, Histogram> histograms(Path folder) throws IOException {
        Map<String, Histogram> byTag = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(folder.resolve(HISTOGRAMS))) {
            HistogramLogReader reader = new HistogramLogReader(in);
            for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
                Histogram histogram = (Histogram) h;
                byTag.merge(histogram.getTag(), histogram, (a, b) -> {
                    a.add(b);
                    return a;
                });
            }
        }
        return byTag;
    }
}
