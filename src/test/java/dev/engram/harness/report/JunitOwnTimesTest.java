package dev.engram.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cucumber's JUnit XML gets each scenario's own time, as results.jsonl has it, and nothing else changes. */
class JunitOwnTimesTest {
    @TempDir
    Path folder;

    private static final String XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="Cucumber" time="29.148" tests="4" skipped="0" failures="0" errors="0">
            <testcase classname="SOP 10.1 API endpoints" name="Chat refuses &lt;case&gt; naming &quot;&lt;field&gt;&quot; - #1.5: Chat refuses a numeric session id naming &quot;session_id&quot;" time="12.711">
            <system-out><![CDATA[
            Then the answer is a 4xx JSON error naming "session_id".....................passed
            ]]></system-out>
            </testcase>
            <testcase classname="SOP 1.1 routing" name="Every deep link loads the app shell" time="20.503">
            </testcase>
            <testcase classname="A" name="Twice" time="3.000">
            </testcase>
            <testcase classname="B" name="Not in the results" time="4.000">
            </testcase>
            <testcase classname="C" name="Given: a name ending as another" time="5.000">
            </testcase>
            </testsuite>
            """;

    @Test
    void eachTestCaseGetsItsScenariosOwnTimeAndNothingElseChanges() throws Exception {
        Path junit = folder.resolve("junit.xml");
        Files.writeString(junit, XML);
        JunitOwnTimes.rewrite(junit, List.of(result("Chat refuses a numeric session id naming \"session_id\"", 711),
                result("Every deep link loads the app shell", 6_100), result("Twice", 1_000), result("Twice", 2_000),
                result("Given: a name ending as another", 500), result("a name ending as another", 900)));
        String rewritten = Files.readString(junit);
        assertTrue(rewritten.contains("&quot;session_id&quot;\" time=\"0.711\""), rewritten);
        assertTrue(rewritten.contains("name=\"Every deep link loads the app shell\" time=\"6.100\""), rewritten);
        assertTrue(rewritten.contains("name=\"Twice\" time=\"3.000\""), "a name that is not unique keeps Cucumber's time: " + rewritten);
        assertTrue(rewritten.contains("name=\"Not in the results\" time=\"4.000\""), rewritten);
        assertTrue(rewritten.contains("name=\"Given: a name ending as another\" time=\"0.500\""), "the exact name first: " + rewritten);
        String untimed = "time=\"[0-9.]+\"";
        assertEquals(XML.replaceAll(untimed, ""), rewritten.replaceAll(untimed, ""), "only the times change");
    }

    private static ScenarioResult result(String name, long ownMillis) {
        return new ScenarioResult("id", name, "features/x.feature", 1, List.of(), List.of(), List.of(), ScenarioResult.PASSED, ownMillis, null, List.of());
    }
}
