package dev.engram.harness.backend;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A backend under test as a child process ({@code --backend-cmd}): the command runs through {@code sh -c} with the
 * SOP variables, {@code PORT} set to a free loopback port and {@code {port}} substituted in the command. Its output
 * goes to a log file in the report folder.
 */
public final class CommandLauncher implements BackendLauncher {
    private final String command;
    private final BackendLogs logs;
    private final Duration timeout;

    public CommandLauncher(String command, Path logFolder, Duration timeout) {
        this.command = command;
        this.logs = new BackendLogs(logFolder, "backend");
        this.timeout = timeout;
    }

    @Override
    public RunningBackend start(Map<String, String> environment, int port) {
        int chosen = port == 0 ? Readiness.freePort() : port;
        Path log = logs.next();
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command.replace("{port}", String.valueOf(chosen)))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(CommandLauncher::sopVariable);
        builder.environment().putAll(environment);
        builder.environment().put("PORT", String.valueOf(chosen));
        Process process;
        try {
            Files.createDirectories(logs.folder());
            process = builder.start();
        } catch (java.io.IOException e) {
            throw new BackendFailed("cannot run the backend command: " + e.getMessage());
        }
        Child child = new Child(process, "http://127.0.0.1:" + chosen);
        try {
            Readiness.awaitHealthy(child.url(), timeout, process::isAlive, log, "the backend command");
        } catch (BackendFailed e) {
            child.close();
            throw e;
        }
        return child;
    }

    /** The caller's own SOP variables never reach the child: it sees the simulators' values or none. */
    static boolean sopVariable(String name) {
        return name.matches("(AZURE|ZEP|SPEECH|VOICE_LIVE)_.*|ENVIRONMENT|AUTH_REQUIRED|CORS_ORIGINS|DEBUG|LOG_LEVEL|AUDIT_LOG_ENABLED|REQUESTS_CA_BUNDLE");
    }

    @Override
    public String describe() {
        return command;
    }

    @Override
    public String kind() {
        return "command";
    }

    /** The child and everything it started; closed with SIGTERM, then SIGKILL after 10 s. */
    private record Child(Process process, String url) implements RunningBackend {
        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

}
