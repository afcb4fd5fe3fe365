package dev.engram.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Steps stay short: parse, call a client, assert. No step definition's body runs over five lines; what a longer one
 * needs belongs in a client, a page object or the scenario's state.
 */
class StepLengthTest {
    private static final Pattern STEP = Pattern.compile("\\s*@(Given|When|Then|And|But)\\(.*");
    private static final Pattern STRING = Pattern.compile("\"(\\\\.|[^\"\\\\])*\"");

    @Test
    void noStepRunsOverFiveLines() throws IOException {
        List<String> long_ = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/engram/harness/steps"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String[] lines = STRING.matcher(Files.readString(file)).replaceAll("\"\"").split("\n");
                for (int i = 0; i < lines.length; i++) {
                    if (!STEP.matcher(lines[i]).matches()) {
                        continue;
                    }
                    int open = i;
                    while (!lines[open].stripTrailing().endsWith("{")) {
                        open++;
                    }
                    int depth = 1;
                    int body = 0;
                    int k = open + 1;
                    for (; depth > 0; k++) {
                        depth += count(lines[k], '{') - count(lines[k], '}');
                        body += depth > 0 && !lines[k].isBlank() ? 1 : 0;
                    }
                    if (body > 5) {
                        long_.add(file.getFileName() + ": " + lines[open].strip() + " (" + body + " lines)");
                    }
                    i = k - 1;
                }
            }
        }
        assertEquals(List.of(), long_, "steps over five lines");
    }

    private static int count(String line, char c) {
        return (int) line.chars().filter(ch -> ch == c).count();
    }
}
