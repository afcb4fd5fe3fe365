package dev.engram.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.support.Json;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The benchmarks' load generators: Node.js scripts in {@code bench/node}, each a process of its own printing one JSON line. */
final class NodeInjector {
    static final Path FOLDER = Path.of("bench/node");

    private NodeInjector() {}

    /** npm install in bench/node when its ws is missing (the npm registry is reachable; nothing is pinned by URL). */
    static void install() throws IOException, InterruptedException {
        if (Files.isDirectory(FOLDER.resolve("node_modules/ws"))) {
            return;
        }
        System.err.println("bench: npm install in " + FOLDER);
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund").directory(FOLDER.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectErrorStream(true).start();
        String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (npm.waitFor() != 0) {
            throw new IllegalStateException("npm install in " + FOLDER + " failed: " + out);
        }
    }

    /** Runs {@code node script args...} and returns the JSON line it prints last. */
    static JsonNode run(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(FOLDER.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim(); // until the script ends
        if (!p.waitFor(1, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(script + " closed its output but did not exit within a minute: " + out);
        }
        if (p.exitValue() != 0 || out.isEmpty()) {
            throw new IllegalStateException(script + " failed (exit " + p.exitValue() + "): " + out);
        }
        String[] lines = out.split("\n");
        return Json.parse(lines[lines.length - 1]);
    }

    /** A process started from bench/node, for servers such as the pacer. */
    static Process start(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(FOLDER.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
