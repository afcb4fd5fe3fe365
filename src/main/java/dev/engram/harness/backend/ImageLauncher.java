package dev.engram.harness.backend;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.ImagePullPolicy;
import org.testcontainers.utility.DockerImageName;

/**
 * A backend under test as a container image ({@code --backend-image}), started by Testcontainers on the host network
 * so that it reaches the simulators and is reached on 127.0.0.1 like any local process. Nothing is ever pulled: the
 * image must be on the engine already. Its logs go to the report folder.
 */
public final class ImageLauncher implements BackendLauncher {
    private final String image;
    private final BackendLogs logs;
    private final Duration timeout;

    public ImageLauncher(String image, Path logFolder, Duration timeout) {
        this.image = image;
        this.logs = new BackendLogs(logFolder, "backend-container");
        this.timeout = timeout;
    }

    /** Why no container can run here, or empty when a Docker engine answers. */
    public static java.util.Optional<String> unavailable() {
        if (!"true".equals(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
            return java.util.Optional.of("TESTCONTAINERS_RYUK_DISABLED=true is not set: Testcontainers would pull its Ryuk image, and no registry is reachable (./harness sets it)");
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable() ? java.util.Optional.empty()
                    : java.util.Optional.of("no Docker engine answers (start dockerd, or set DOCKER_HOST)");
        } catch (RuntimeException e) {
            return java.util.Optional.of("no Docker engine answers: " + e.getMessage());
        }
    }

    @Override
    public RunningBackend start(Map<String, String> environment, int port) {
        unavailable().ifPresent(reason -> {
            throw new BackendFailed(reason);
        });
        int chosen = port == 0 ? Readiness.freePort() : port;
        Path log = logs.next();
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withNetworkMode("host")
                .withImagePullPolicy(neverPull())
                .withEnv(environment)
                .withEnv("PORT", String.valueOf(chosen))
                .withLogConsumer(frame -> append(log, frame.getUtf8String()));
        try {
            Files.createDirectories(logs.folder());
            container.start();
        } catch (RuntimeException | java.io.IOException e) {
            container.stop();
            throw new BackendFailed("cannot start the image " + image + ": " + rootCause(e) + Readiness.tail(log));
        }
        Running running = new Running(container, "http://127.0.0.1:" + chosen);
        try {
            Readiness.awaitHealthy(running.url(), timeout, container::isRunning, log, "the container of " + image);
        } catch (BackendFailed e) {
            running.close();
            throw e;
        }
        return running;
    }

    /** The image's id on the engine (its digest when it has one), for the report. */
    public String digest() {
        try {
            var inspect = DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return inspect.getRepoDigests() != null && !inspect.getRepoDigests().isEmpty() ? inspect.getRepoDigests().get(0) : inspect.getId();
        } catch (RuntimeException e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
    }

    @Override
    public String describe() {
        return image;
    }

    @Override
    public String kind() {
        return "image";
    }

    private static ImagePullPolicy neverPull() {
        return imageName -> false;
    }

    private static void append(Path log, String text) {
        try {
            Files.writeString(log, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            // the container keeps running; its log is best-effort
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private record Running(GenericContainer<?> container, String url) implements RunningBackend {
        @Override
        public void close() {
            container.stop();
        }
    }
}
