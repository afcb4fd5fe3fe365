package dev.engram.harness.report;

import java.time.Instant;

/** What the report needs to know about the run that Cucumber does not: its id, its tag expression, when it began. */
public record RunInfo(String id, String tagExpression, Instant started) {
    public static RunInfo begin(String id, String tagExpression) {
        return new RunInfo(id, tagExpression, Instant.now());
    }
}
