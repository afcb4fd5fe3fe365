package dev.engram.harness.signoff;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.engram.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** {@code reports/<env>/history.jsonl}: one summary line per gate run of that environment. */
public final class History {
    public record Run(@JsonProperty("run_id") String runId, String date, String version, String verdict, boolean ready,
                      int passed, int failed, int total) {}

    private History() {}

    public static void append(Path file, Run run) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Json.write(run) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** The last {@code count} runs, oldest first; unreadable lines are skipped. */
    public static List<Run> recent(Path file, int count) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Run> runs = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                try {
                    runs.add(Json.MAPPER.readValue(line, Run.class));
                } catch (IOException skipped) {
                    // a damaged line does not hide the rest of the history
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return runs.subList(Math.max(0, runs.size() - count), runs.size());
    }
}
