package dev.engram.harness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.support.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary secrets: serve, gate, signoff and load run as real processes with a canary bearer token, and every secret the
 * stack holds (keys, client secrets, passwords) plus the canary is searched for in every file under the report folder
 * and in everything the commands printed. None may appear.
 */
class CanarySecretsTest {
    @TempDir
    Path work;

    @Test
    void noSecretReachesAReportOrTheConsole() throws Exception {
        String canary = "canary-" + UUID.randomUUID();
        Path reports = work.resolve("reports");
        Path envFile = work.resolve("serve/backend.env");
        Path stackFile = work.resolve("serve/stack.json");
        Path serveOut = work.resolve("serve.out");
        Process serve = harness(Map.of(), serveOut, "serve", "--env", "test", "--env-file", envFile.toString(), "--stack-file", stackFile.toString());
        List<String> consoles = new ArrayList<>();
        try {
            JsonNode ready = awaitReadyLine(serveOut, serve);
            String api = ready.path("api").asText();
            Map<String, String> env = Map.of("ENGRAM_TOKEN", canary);
            consoles.add(run(env, "gate", "--env", "test", "--api", api, "--stack", stackFile.toString(), "--tags", "@smoke", "--reports", reports.toString()));
            Path gateRun = reports.resolve("test/latest").toRealPath();
            consoles.add(run(env, "signoff", "--results", gateRun.toString()));
            consoles.add(run(env, "load", "--env", "test", "--api", api, "--profile", "smoke", "--reports", reports.toString()));
            consoles.add(Files.readString(serveOut));
        } finally {
            serve.destroy();
            serve.waitFor(20, TimeUnit.SECONDS);
        }
        List<String> secrets = secrets(envFile, stackFile);
        secrets.add(canary);
        List<String> leaks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(reports)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
                secrets.stream().filter(text::contains).forEach(s -> leaks.add(secretName(s, canary) + " in " + reports.relativize(file)));
            }
        }
        for (String console : consoles) {
            secrets.stream().filter(console::contains).forEach(s -> leaks.add(secretName(s, canary) + " on the console"));
        }
        assertTrue(secrets.size() > 5, "the stack's secrets were found: " + secrets.size());
        try (Stream<Path> files = Files.walk(reports)) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertTrue(names.containsAll(List.of("gate.json", "signoff.html", "load.json")), "gate, sign-off and load wrote their reports: " + names);
        }
        assertTrue(leaks.isEmpty(), "secrets leaked: " + leaks);
    }

    private static String secretName(String secret, String canary) {
        return secret.equals(canary) ? "the canary bearer token" : "a stack secret (" + secret.length() + " chars)";
    }

    /** Every key, client secret and password the serve holds: its env file's and its stack file's. */
    private static List<String> secrets(Path envFile, Path stackFile) throws IOException {
        List<String> secrets = new ArrayList<>();
        for (String line : Files.readAllLines(envFile)) {
            String[] kv = line.split("=", 2);
            if (kv.length == 2 && (kv[0].endsWith("_KEY") || kv[0].endsWith("_SECRET"))) {
                secrets.add(kv[1].replace("'", ""));
            }
        }
        Json.MAPPER.readTree(stackFile.toFile()).path("entra_access").path("secrets").forEach(s -> secrets.add(s.asText()));
        return secrets;
    }

    private static JsonNode awaitReadyLine(Path out, Process serve) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && serve.isAlive()) {
            for (String line : Files.exists(out) ? Files.readAllLines(out) : List.<String>of()) {
                if (line.startsWith("{")) {
                    return Json.parse(line);
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        throw new AssertionError("serve printed no ready line: " + (Files.exists(out) ? Files.readString(out) : ""));
    }

    private String run(Map<String, String> env, String... args) throws Exception {
        Path out = work.resolve(args[0] + "-" + UUID.randomUUID() + ".out");
        Process p = harness(env, out, args);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        return Files.readString(out);
    }

    private static Process harness(Map<String, String> env, Path out, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp",
                String.join(java.io.File.pathSeparator, ReferenceBuild.classpath().stream().map(Path::toString).toList()),
                "dev.engram.harness.cli.HarnessCli"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        Map<String, String> vars = new HashMap<>(env);
        builder.environment().putAll(vars);
        return builder.start();
    }
}
