package dev.engram.harness.report;

import java.time.Instant;

/** What the report needs to know about the run that Cucumber does not: set by whoever launches the features. */
public final class RunContext {
    private static volatile String runId = "adhoc";
    private static volatile String tagExpression = "";
    private static volatile Instant started = Instant.now();

    private RunContext() {}

    public static void begin(String id, String tags) {
        runId = id;
        tagExpression = tags;
        started = Instant.now();
    }

    public static String runId() {
        return runId;
    }

    public static String tagExpression() {
        return tagExpression;
    }

    public static Instant started() {
        return started;
    }
}
