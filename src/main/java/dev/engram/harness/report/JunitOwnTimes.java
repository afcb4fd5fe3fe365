package dev.engram.harness.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Gives each {@code <testcase>} of Cucumber's JUnit XML the scenario's own time, without its wait for exclusive
 * resources, as every other report does: in an overlapping run a scenario may wait far longer than it runs, and CI tools
 * show this file's times. A test case is matched by its scenario's name, or else by the one name it ends with (an
 * outline example's); one that matches no single scenario keeps Cucumber's time. Nothing else in the file changes.
 */
final class JunitOwnTimes {
    private static final Pattern TESTCASE = Pattern.compile("<testcase classname=\"[^\"]*\" name=\"([^\"]*)\" time=\"([0-9.]+)\"");

    private JunitOwnTimes() {}

    static void rewrite(Path junitXml, List<ScenarioResult> results) throws IOException {
        if (!Files.isRegularFile(junitXml)) {
            return;
        }
        Map<String, List<ScenarioResult>> byName = results.stream().collect(Collectors.groupingBy(ScenarioResult::name));
        Function<String, Long> own = name -> {
            List<String> matches = byName.containsKey(name) ? List.of(name)
                    : byName.keySet().stream().filter(scenario -> name.endsWith(": " + scenario)).toList();
            List<ScenarioResult> found = matches.size() == 1 ? byName.get(matches.get(0)) : List.of();
            return found.size() == 1 ? found.get(0).durationMs() : null;
        };
        Matcher m = TESTCASE.matcher(Files.readString(junitXml, StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Long millis = own.apply(unescape(m.group(1)));
            String time = millis == null ? m.group(2) : String.format(Locale.ROOT, "%.3f", millis / 1000.0);
            String tag = m.group().substring(0, m.start(2) - m.start()) + time + "\"";
            m.appendReplacement(out, Matcher.quoteReplacement(tag));
        }
        m.appendTail(out);
        Files.writeString(junitXml, out, StandardCharsets.UTF_8);
    }

    private static String unescape(String attribute) {
        return attribute.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    }
}
