package dev.engram.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.harness.client.Http;
import dev.engram.harness.stack.EmbeddedStack;
import dev.engram.simulator.voicelive.VoiceLiveSimulator;
import dev.engram.support.Waits;
import dev.engram.testing.RawUpgrade;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * A thousand voice sessions dropped abruptly, half with a TCP reset and half with a bare FIN, never a close frame:
 * sessions, threads and open file descriptors come back to their baseline. Bound: within 60 s of the last drop,
 * {@code active_sessions} is 0, threads other than the elastic pools (Jetty's and the HTTP clients' workers, which
 * grow under load and shrink after their 60 s idle timeout) are within 20 of the baseline, and descriptors within 80.
 */
class AbruptDisconnectLeakTest {
    private static final int SESSIONS = 1_000;
    private static final int CONCURRENT = 20;

    @Test
    void aThousandAbruptDisconnectsLeaveNothingBehind() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            String api = stack.endpoints().api();
            dropAbruptly(api, 20); // warm-up: pools and the first VoiceLive sessions exist before the baseline
            awaitUntil(() -> activeSessions(api), 0, Duration.ofSeconds(60));
            int threads = liveThreads();
            int fds = openFiles();
            dropAbruptly(api, SESSIONS);
            assertEquals(0, awaitUntil(() -> activeSessions(api), 0, Duration.ofSeconds(60)), "active_sessions after " + SESSIONS + " drops");
            int threadsAfter = awaitUntil(AbruptDisconnectLeakTest::liveThreads, threads + 20, Duration.ofSeconds(60));
            int fdsAfter = awaitUntil(AbruptDisconnectLeakTest::openFiles, fds + 80, Duration.ofSeconds(60));
            System.out.println("AbruptDisconnectLeakTest: " + SESSIONS + " drops; threads " + threads + " -> " + threadsAfter
                    + ", open files " + fds + " -> " + fdsAfter);
            assertTrue(threadsAfter <= threads + 20, "threads: baseline " + threads + ", after " + threadsAfter);
            assertTrue(fdsAfter <= fds + 80, "open files: baseline " + fds + ", after " + fdsAfter);
            assertEquals(200, Http.get(api + "/health").status(), "the server still answers");
        }
    }

    /** The same for the VoiceLive simulator alone: its sessions, sender threads and descriptors come back. */
    @Test
    void aThousandAbruptDisconnectsLeaveNothingInTheVoiceLiveSimulator() throws Exception {
        try (VoiceLiveSimulator simulator = VoiceLiveSimulator.start("k")) {
            String url = simulator.endpoint();
            String path = "/voice-live/realtime?api-version=2025-10-01&model=gpt-realtime";
            dropAbruptly(url, 20, n -> path, "api-key: k\r\n");
            awaitUntil(() -> openSimulatorSessions(url), 0, Duration.ofSeconds(60));
            int threads = liveThreads();
            int fds = openFiles();
            dropAbruptly(url, SESSIONS, n -> path, "api-key: k\r\n");
            assertEquals(0, awaitUntil(() -> openSimulatorSessions(url), 0, Duration.ofSeconds(60)), "open simulator sessions after " + SESSIONS + " drops");
            int threadsAfter = awaitUntil(AbruptDisconnectLeakTest::liveThreads, threads + 20, Duration.ofSeconds(60));
            int fdsAfter = awaitUntil(AbruptDisconnectLeakTest::openFiles, fds + 80, Duration.ofSeconds(60));
            System.out.println("AbruptDisconnectLeakTest (VoiceLive simulator): " + SESSIONS + " drops; threads " + threads + " -> " + threadsAfter
                    + ", open files " + fds + " -> " + fdsAfter);
            assertTrue(threadsAfter <= threads + 20, "threads: baseline " + threads + ", after " + threadsAfter);
            assertTrue(fdsAfter <= fds + 80, "open files: baseline " + fds + ", after " + fdsAfter);
        }
    }

    private static int openSimulatorSessions(String url) {
        return Http.get(url + "/__admin/sessions").json().path("open").asInt(-1);
    }

    private static void dropAbruptly(String api, int count) throws Exception {
        dropAbruptly(api, count, n -> "/api/v1/voice/voicelive/session-" + n + "-leak", "");
    }

    /** Opens each session until its first message (agent_switched, session.created), then drops it without a close frame. */
    private static void dropAbruptly(String api, int count, java.util.function.IntFunction<String> path, String headers) throws Exception {
        URI uri = URI.create(api);
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            done.add(pool.submit(() -> {
                try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                    socket.setSoTimeout(20_000);
                    RawUpgrade.send(socket, uri.getAuthority(), path.apply(n), headers);
                    InputStream in = socket.getInputStream();
                    if (!RawUpgrade.readHead(in).endsWith("\r\n\r\n")) {
                        throw new IOException("closed during the upgrade");
                    }
                    in.read(); // the first frame: the session is up
                    if (n % 2 == 0) {
                        socket.setSoLinger(true, 0); // a reset
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
    }

    private static int activeSessions(String api) {
        return Http.get(api + "/api/v1/voice/status").json().path("active_sessions").asInt(-1);
    }

    /** Live threads, less the elastic pools whose size follows load rather than sessions. */
    private static int liveThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> !name.startsWith("JettyServerThreadPool") && !name.matches("HttpClient-\\d+-Worker-\\d+")
                        && !name.startsWith("ForkJoinPool") && !name.startsWith("qtp") && !name.equals("zep-client") && !name.startsWith("pool-"))
                .count();
    }

    private static int openFiles() {
        try (var files = Files.list(Path.of("/proc/self/fd"))) {
            return (int) files.count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Polls until the value is at most {@code bound} or the timeout passes; returns the last value. */
    private static int awaitUntil(IntSupplier value, int bound, Duration timeout) {
        return Waits.until(value::getAsInt, v -> v <= bound, timeout);
    }
}
