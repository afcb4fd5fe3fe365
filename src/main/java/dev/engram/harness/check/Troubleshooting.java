package dev.engram.harness.check;

import dev.engram.support.Json;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The SOP's troubleshooting rows (9.1, 9.2, 6.5), as data, so a failed check can quote the SOP's own fix. */
public final class Troubleshooting {
    /** {@code sop} is an SOP section, or {@code guide:<section>} for the WebSocket troubleshooting guide. */
    public record Row(String id, String sop, String symptom, String cause, String resolution) {
        public String advice() {
            String source = sop.startsWith("guide:") ? "WebSocket troubleshooting guide, " + sop.substring(6) : "SOP " + sop;
            return source + " \"" + symptom + "\" (cause: " + cause + "): " + resolution;
        }
    }

    private static final Map<String, Row> ROWS = Arrays.stream(Json.resource("sop/troubleshooting.json", Row[].class))
            .collect(Collectors.toUnmodifiableMap(Row::id, Function.identity()));

    private Troubleshooting() {}

    public static Row row(String id) {
        Row row = ROWS.get(id);
        if (row == null) {
            throw new IllegalArgumentException("no troubleshooting row '" + id + "'; known: " + ROWS.keySet());
        }
        return row;
    }
}
