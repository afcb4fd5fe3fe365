package dev.engram.harness.report;

import dev.engram.harness.config.Target;
import dev.engram.support.Json;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestRunFinished;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cucumber plugin: one JSON line per scenario in {@code results.jsonl} as it finishes, then {@code gate.json} and
 * {@code run-meta.json} when the run ends, for the run's target into its report folder.
 */
public final class ResultsPlugin implements ConcurrentEventListener {
    private final Path folder;
    private final Target target;
    private final RunInfo run;
    /** The media type of the per-turn voice metrics a voice scenario attaches; they go into results.jsonl. */
    public static final String VOICE_METRICS = "application/vnd.engram.voice-metrics+json";

    private final List<ScenarioResult> results = new ArrayList<>();
    private final Map<java.util.UUID, List<com.fasterxml.jackson.databind.JsonNode>> metrics = new java.util.concurrent.ConcurrentHashMap<>();
    private final ResourceWaits waits = new ResourceWaits();

    public ResultsPlugin(Path folder, Target target, RunInfo run) {
        this.folder = folder;
        this.target = target;
        this.run = run;
        try {
            Files.createDirectories(this.folder);
            Files.deleteIfExists(this.folder.resolve("results.jsonl"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare report folder " + folder, e);
        }
    }

    /** The scenarios finished so far, in the order they finished. */
    public synchronized List<ScenarioResult> results() {
        return List.copyOf(results);
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        waits.listen(publisher);
        publisher.registerHandlerFor(TestCaseFinished.class, this::finished);
        publisher.registerHandlerFor(io.cucumber.plugin.event.EmbedEvent.class, this::embedded);
        publisher.registerHandlerFor(TestRunFinished.class, event -> runFinished());
    }

    private void embedded(io.cucumber.plugin.event.EmbedEvent event) {
        if (VOICE_METRICS.equals(event.getMediaType())) {
            try {
                com.fasterxml.jackson.databind.JsonNode turns = Json.MAPPER.readTree(event.getData());
                turns.forEach(turn -> metrics.computeIfAbsent(event.getTestCase().getId(), id -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(turn));
            } catch (IOException e) {
                // metrics are informational; a malformed attachment is left out
            }
        }
    }

    private synchronized void finished(TestCaseFinished event) {
        ScenarioResult base = toResult(event.getTestCase(), event.getResult(), waits.own(event));
        ScenarioResult result = new ScenarioResult(base.id(), base.name(), base.feature(), base.line(), base.tags(), base.sop(), base.uat(),
                base.verdict(), base.durationMs(), base.failure(), metrics.getOrDefault(event.getTestCase().getId(), List.of()));
        results.add(result);
        write("results.jsonl", Json.write(result) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private synchronized void runFinished() {
        GateVerdict verdict = GateVerdict.decide(target.environment(), target.api(), results);
        write("gate.json", pretty(verdict), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("run_id", run.id());
        meta.put("environment", target.environment());
        meta.put("target", target.endpoints().asMap());
        meta.put("backend_under_test", java.util.Map.of("kind", target.backend().kind(), "description", target.backend().description()));
        meta.put("simulated", target.simulated());
        meta.put("tag_expression", run.tagExpression());
        meta.put("started", run.started().toString());
        meta.put("finished", Instant.now().toString());
        meta.put("harness_version", dev.engram.harness.config.HarnessVersion.value());
        meta.put("java", System.getProperty("java.version"));
        meta.put("version_under_test", versionOf(target.api()));
        meta.put("scenarios", results.size());
        meta.put("verdict", verdict.verdict());
        write("run-meta.json", pretty(meta), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** What the target's /health says its version is; "unknown" when it does not say. */
    private static String versionOf(String api) {
        try {
            return dev.engram.harness.client.Http.get(api + "/health").json().path("version").asText("unknown");
        } catch (RuntimeException | AssertionError e) {
            return "unknown";
        }
    }

    /** A finished scenario as the reports give it; {@code own} is its duration without any wait for resources. */
    static ScenarioResult toResult(TestCase testCase, Result result, java.time.Duration own) {
        List<String> tags = testCase.getTags();
        boolean nonStrict = tags.contains("@non-strict");
        String verdict = result.getStatus() == Status.FAILED && nonStrict ? ScenarioResult.NON_STRICT : result.getStatus().name();
        String failure = result.getError() == null ? null : String.valueOf(result.getError().getMessage());
        if (result.getError() != null && !(result.getError() instanceof AssertionError)) {
            failure = result.getError().getClass().getSimpleName() + ": " + failure;
        }
        return new ScenarioResult(
                testCase.getId().toString(),
                testCase.getName(),
                relative(testCase.getUri()),
                testCase.getLocation().getLine(),
                tags,
                tagValues(tags, "@sop:"),
                tagValues(tags, "@uat:"),
                verdict,
                own.toMillis(),
                failure,
                List.of());
    }

    private static List<String> tagValues(List<String> tags, String prefix) {
        return tags.stream().filter(t -> t.startsWith(prefix)).map(t -> t.substring(prefix.length())).distinct().toList();
    }

    private static String relative(URI uri) {
        if (!"file".equals(uri.getScheme())) {
            return uri.toString();
        }
        Path path = Paths.get(uri);
        Path cwd = Paths.get("").toAbsolutePath();
        return path.startsWith(cwd) ? cwd.relativize(path).toString() : path.getFileName().toString();
    }

    private static String pretty(Object value) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String name, String text, StandardOpenOption... options) {
        try {
            Files.writeString(folder.resolve(name), text, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder.resolve(name), e);
        }
    }
}
