package dev.engram.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Against a Zep that takes writes but does not answer them in time: background writes under way stay bounded, a
 * caller past the bound waits at most the Zep timeout for a slot, and reads still find threads and answer.
 */
class ZepClientTest {
    private static final int TIMEOUT_MS = 400;

    private final java.util.Queue<Long> writeArrivals = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final HttpServer zep = start();
    private final UpstreamHttp http = new UpstreamHttp(Duration.ofSeconds(2));
    private final ZepClient client = new ZepClient(EngramSettings.fromEnvironment(Map.of(
            "ZEP_API_URL", "http://127.0.0.1:" + zep.getAddress().getPort(),
            "ENGRAM_ZEP_TIMEOUT_MS", String.valueOf(TIMEOUT_MS))), http);

    @AfterEach
    void stop() {
        released.countDown();
        client.close();
        http.close();
        zep.stop(0);
    }

    @Test
    void writesBeyondTheBoundWaitForASlotAndReadsStillAnswer() {
        int writes = ZepClient.MAX_PENDING_WRITES + 8;
        long started = System.nanoTime();
        for (int i = 0; i < writes; i++) {
            client.persistInBackground("session-" + i, "user-1", List.of(new ZepClient.Turn("user", "Hello " + i, "elena", "chat")));
        }
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        ZepClient.Memory memory = client.recallForNewSession("user-1", "coffee");

        long beforeAnyTimeout = started + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS * 3 / 4);
        long early = writeArrivals.stream().filter(at -> at < beforeAnyTimeout).count();
        assertTrue(early <= ZepClient.MAX_PENDING_WRITES, "before any write could time out, at most "
                + ZepClient.MAX_PENDING_WRITES + " reached Zep, saw " + early);
        assertTrue(tookMs >= TIMEOUT_MS / 2, "the writes past the bound waited for a slot, but all " + writes + " returned in " + tookMs + " ms");
        assertTrue(tookMs < writes * (long) TIMEOUT_MS, "each wait is bounded by the Zep timeout: " + tookMs + " ms");
        assertEquals(List.of("Prefers black coffee"), memory.facts(), "a read during the write backlog still answers");
    }

    private HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/api/v1/sessions", this::holdWrite);
            server.createContext("/api/v1/users/", exchange -> answer(exchange, "[{\"uuid\":\"f1\",\"fact\":\"Prefers black coffee\"}]"));
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void holdWrite(HttpExchange exchange) throws IOException {
        writeArrivals.add(System.nanoTime());
        try {
            released.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        answer(exchange, "{}");
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
