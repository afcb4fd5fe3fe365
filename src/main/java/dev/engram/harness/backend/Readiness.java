package dev.engram.harness.backend;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting for a started backend: a free loopback port before, {@code /health} answering 200 after. */
final class Readiness {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private Readiness() {}

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new BackendFailed("no free loopback port: " + e.getMessage());
        }
    }

    /**
     * Polls {@code url/health} until it answers 200, the backend stops running, or the timeout passes; the last two
     * end in {@link BackendFailed} with the log's last lines.
     */
    static void awaitHealthy(String url, Duration timeout, BooleanSupplier alive, Path log, String what) {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!alive.getAsBoolean()) {
                throw new BackendFailed(what + " exited before it became healthy" + tail(log));
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/health")).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + r.statusCode();
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackendFailed("interrupted while waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new BackendFailed(what + " did not answer GET " + url + "/health with 200 within " + timeout.toSeconds() + " s (last: " + last + ")" + tail(log));
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            List<String> last = lines.subList(Math.max(0, lines.size() - 15), lines.size());
            return last.isEmpty() ? " (it wrote no output; log: " + log + ")"
                    : "; its last output lines (" + log + "):\n  " + String.join("\n  ", last);
        } catch (IOException e) {
            return " (log unreadable: " + log + ")";
        }
    }
}
