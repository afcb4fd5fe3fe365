package dev.engram.harness;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.harness.cli.HarnessCli;
import dev.engram.support.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One {@code ./harness} command run in this JVM: its exit code and what it printed on standard output. */
record CliRun(int exit, String output) {
    static CliRun of(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = HarnessCli.run(args);
            return new CliRun(exit, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    /** The first line printed that is a JSON object. */
    JsonNode json() {
        String line = output.lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow(() -> new AssertionError("no JSON line in: " + output));
        try {
            return Json.parse(line);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
