package dev.engram.harness.signoff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.harness.report.ScenarioResult;
import dev.engram.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the sign-off of a finished run from its report folder alone, so it can be re-rendered at any time. */
public final class SignoffRun {
    public static final Path DEFAULT_ATTESTATIONS = Path.of("uat-attestations.yaml");

    private SignoffRun() {}

    /** The attestations file to use: the one given, else {@code uat-attestations.yaml} if present, else none. */
    public static List<Attestation> attestations(Path given, RequirementCatalogue catalogue) {
        if (given != null) {
            return Attestations.load(given, catalogue);
        }
        return Files.exists(DEFAULT_ATTESTATIONS) ? Attestations.load(DEFAULT_ATTESTATIONS, catalogue) : List.of();
    }

    public static Signoff render(Path results, List<Attestation> attestations, String versionOverride, boolean appendHistory) {
        if (!Files.exists(results.resolve("results.jsonl")) || !Files.exists(results.resolve("run-meta.json"))) {
            throw new IllegalArgumentException(results + " holds no saved run (results.jsonl and run-meta.json are needed)");
        }
        RequirementCatalogue catalogue = RequirementCatalogue.load();
        JsonNode meta = read(results.resolve("run-meta.json"));
        List<ScenarioResult> scenarios = scenarios(results.resolve("results.jsonl"));
        String environment = meta.path("environment").asText("local");
        String version = versionOverride != null ? versionOverride : meta.path("version_under_test").asText("unknown");
        Signoff signoff = Signoff.evaluate(catalogue, scenarios, attestations, environment, version,
                meta.path("finished").asText(""), meta.path("run_id").asText(results.getFileName().toString()));
        Path history = results.toAbsolutePath().normalize().getParent().resolve("history.jsonl");
        if (appendHistory) {
            long passed = scenarios.stream().filter(s -> s.verdict().equals(ScenarioResult.PASSED)).count();
            long failed = scenarios.stream().filter(s -> s.verdict().equals(ScenarioResult.FAILED)).count();
            History.append(history, new History.Run(signoff.runId(), signoff.date(), version, meta.path("verdict").asText(""),
                    signoff.ready(), (int) passed, (int) failed, scenarios.size()));
        }
        SignoffReport.write(results, signoff, Evidence.read(results.resolve("cucumber.json")), History.recent(history, 20));
        return signoff;
    }

    private static List<ScenarioResult> scenarios(Path file) {
        List<ScenarioResult> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    out.add(Json.MAPPER.readValue(line, ScenarioResult.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }

    private static JsonNode read(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
