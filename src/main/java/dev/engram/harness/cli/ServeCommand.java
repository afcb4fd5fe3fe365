package dev.engram.harness.cli;

import dev.engram.harness.config.Environments;
import dev.engram.harness.stack.EmbeddedStack;
import dev.engram.harness.stack.StackFile;
import dev.engram.reference.ConfigurationException;
import dev.engram.support.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts the embedded stack and prints one JSON line naming every endpoint once it is ready. The variables that
 * point a real Engram backend at the simulators go to an env file readable only by the owner; stdout masks the key.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the embedded stack (simulators + reference Engram) on loopback and run until stopped.")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--env-file", defaultValue = ".harness/serve/backend.env",
            description = "where to write the backend variables, keys included (mode 600; default: ${DEFAULT-VALUE})")
    Path envFile;

    @Option(names = "--web-dist", description = "serve this built SPA folder (its own staticwebapp.config.json) instead of the reference SPA")
    Path webDist;

    @Option(names = "--voicelive-replay", paramLabel = "FILE", description = "play this cassette (./harness voicelive record) as VoiceLive, with its recorded timing")
    Path voiceLiveReplay;

    @Option(names = "--env", defaultValue = "local", description = "rehearse this environment: local, staging, dev, test, uat or prod (default: ${DEFAULT-VALUE})")
    String environment;

    @Option(names = "--stack-file", defaultValue = ".harness/serve/stack.json",
            description = "where to write what a gate needs to attach (--stack), sign-in secrets included (mode 600; default: ${DEFAULT-VALUE})")
    Path stackFile;

    @Option(names = "--exit-when-ready", description = "start the stack, print its ready line, then stop it and exit 0: a check that the stack starts")
    boolean exitWhenReady;

    @Override
    public Integer call() throws Exception {
        EmbeddedStack stack;
        try {
            stack = EmbeddedStack.builder().environment(Environments.require(environment)).webDist(webDist).voiceLiveReplay(voiceLiveReplay).start();
        } catch (IllegalArgumentException | ConfigurationException e) {
            System.err.println("harness: " + e.getMessage());
            return HarnessCli.USAGE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread stop = new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "serve-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        writeEnvFile(stack.backendVariables(true));
        StackFile.of(stack, stackFile).writeOwnerOnly(stackFile);
        Map<String, Object> line = new LinkedHashMap<>(stack.endpoints().asMap());
        line.put("environment", stack.environment());
        line.put("stack_file", stackFile.toString());
        line.put("env", stack.backendVariables(false));
        line.put("ready_ms", java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()); // since the JVM started
        line.put("env_file", envFile.toString());
        System.out.println(Json.write(line));
        System.out.flush();
        if (exitWhenReady) {
            Runtime.getRuntime().removeShutdownHook(stop);
            stack.close();
            return HarnessCli.PASS;
        }
        stopped.await();
        return HarnessCli.PASS;
    }

    private void writeEnvFile(Map<String, String> vars) throws Exception {
        Files.createDirectories(envFile.toAbsolutePath().getParent());
        Files.deleteIfExists(envFile);
        Files.createFile(envFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(envFile, vars.entrySet().stream()
                .map(e -> e.getKey() + "=" + shellQuote(e.getValue()))
                .collect(Collectors.joining("\n", "", "\n")));
    }

    private static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
