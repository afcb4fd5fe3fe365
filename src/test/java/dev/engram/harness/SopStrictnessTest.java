package dev.engram.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.support.Yaml;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every NON-STRICT scenario carries its reasoning in the requirement catalogue, and nothing else is lowered. */
class SopStrictnessTest {

    @Test
    void everyNonStrictScenarioIsReasonedInTheCatalogue() throws Exception {
        JsonNode strictness;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("sop/requirements.yaml")) {
            strictness = Yaml.MAPPER.readTree(in).path("strictness");
        }
        Set<String> reasoned = new TreeSet<>();
        strictness.forEach(entry -> {
            assertFalse(entry.path("rests_on").asText().isBlank(), entry + " names no SOP words");
            assertFalse(entry.path("reasoning").asText().isBlank(), entry + " gives no reasoning");
            if (entry.path("level").asText().equals("NON-STRICT")) {
                reasoned.add(entry.path("scenario").asText());
            }
        });
        assertEquals(reasoned, nonStrictScenarios());
    }

    private static Set<String> nonStrictScenarios() throws Exception {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("features"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".feature")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 1; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (line.startsWith("Scenario") && lines.get(i - 1).contains("@non-strict")) {
                        names.add(line.replaceFirst("^Scenario( Outline)?:\\s*", ""));
                    }
                }
            }
        }
        return names;
    }
}
