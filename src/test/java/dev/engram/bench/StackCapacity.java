package dev.engram.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.audio.FixtureRegistry;
import dev.engram.audio.Pcm16;
import dev.engram.harness.stack.EmbeddedStack;
import dev.engram.testing.JsonFrames;
import dev.engram.testing.Percentiles;
import dev.engram.support.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark, not a test: capacity of the whole embedded stack (reference server + simulators) on this machine.
 * {@code chat R1 R2 ...}: open-model chat at each rate for 10 s, reporting p95 latency from each request's intended send
 * time (so a late scheduler or a queue in the client counts against the stack, with no coordinated omission).
 * {@code voice N1 N2 ...}: N concurrent browser-like voice sockets (4096-sample frames at real time, realistic
 * VoiceLive pacing), reporting the lateness of answer audio frames against real time.
 */
public final class StackCapacity {
    private StackCapacity() {}

    public static void main(String[] args) throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            String mode = args[0];
            for (int i = 1; i < args.length; i++) {
                if (mode.equals("chat")) {
                    chat(stack.endpoints().api(), Integer.parseInt(args[i]));
                } else {
                    dev.engram.harness.stack.Simulators.of(stack.endpoints()).orElseThrow().voicePacing("realistic");
                    voice(stack.endpoints().api(), Integer.parseInt(args[i]));
                }
            }
        }
        System.exit(0);
    }

    private static void chat(String api, int rate) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        int seconds = 10;
        int total = rate * seconds;
        CountDownLatch done = new CountDownLatch(total);
        int[] errors = {0};
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (int i = 0; i < total; i++) {
            long intended = start + i * 1_000_000_000L / rate; // latency counts from here: queueing before the send is not hidden
            clock.schedule(() -> {
                long started = intended;
                http.sendAsync(HttpRequest.newBuilder(URI.create(api + "/api/v1/chat")).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"What is the capital of France?\",\"agent_id\":\"elena\"}")).build(),
                        HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                    latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                    if (e != null || r.statusCode() != 200) {
                        synchronized (errors) {
                            errors[0]++;
                        }
                    }
                    done.countDown();
                });
            }, Math.max(0, intended - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        done.await(120, TimeUnit.SECONDS);
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("chat %4d req/s for %d s: p50 %d ms, p95 %d ms, p99 %d ms, errors %d%n", rate, seconds,
                Percentiles.of(sorted, 0.5), Percentiles.of(sorted, 0.95), Percentiles.of(sorted, 0.99), errors[0]);
        clock.shutdownNow();
    }

    private static void voice(String api, int sessions) throws Exception {
        Pcm16 speech = new FixtureRegistry(Path.of("audio-fixtures")).byId("capital-of-france").audio().append(Pcm16.silence(1200));
        byte[] pcm = speech.toBytes();
        int frame = 4096 * 2;
        long frameMicros = 4096L * 1_000_000 / Pcm16.RATE;
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Long> lateness = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch answered = new CountDownLatch(sessions);
        List<WebSocket> sockets = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            long[] first = {0};
            long[] audioMs = {0};
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(api.replace("http", "ws") + "/api/v1/voice/voicelive/session-1-" + s),
                    JsonFrames.to(m -> {
                        long now = System.nanoTime();
                        if (m.path("type").asText().equals("audio")) {
                            int ms = Base64.getDecoder().decode(m.path("data").asText()).length / Pcm16.BYTES_PER_MS;
                            if (first[0] == 0) {
                                first[0] = now;
                            } else {
                                lateness.add(Math.max(0, TimeUnit.NANOSECONDS.toMillis(now - first[0]) - audioMs[0]));
                            }
                            audioMs[0] += ms;
                        } else if (m.path("type").asText().equals("transcription") && m.path("status").asText().equals("complete")
                                && m.path("speaker").asText().equals("assistant")) {
                            answered.countDown();
                        }
                    })).get(30, TimeUnit.SECONDS);
            sockets.add(ws);
            CompletableFuture<?>[] previous = {CompletableFuture.completedFuture(null)};
            for (int i = 0, offset = 0; offset < pcm.length; i++, offset += frame) {
                String json = "{\"type\":\"audio\",\"data\":\"" + Base64.getEncoder().encodeToString(
                        Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + frame))) + "\"}";
                clock.schedule(() -> {
                    synchronized (previous) {
                        previous[0] = previous[0].thenCompose(ignored -> ws.sendText(json, true));
                    }
                }, i * frameMicros, TimeUnit.MICROSECONDS);
            }
        }
        boolean all = answered.await(120, TimeUnit.SECONDS);
        List<Long> sorted = new ArrayList<>(lateness);
        Collections.sort(sorted);
        long onTime = sorted.stream().filter(l -> l <= 50).count();
        System.out.printf("voice %4d sessions: answered %d, frames %d, on time (<=50 ms) %.2f%%, p99 lateness %d ms%s%n", sessions,
                sessions - answered.getCount(), sorted.size(), sorted.isEmpty() ? 0 : 100.0 * onTime / sorted.size(), Percentiles.of(sorted, 0.99),
                all ? "" : " (timed out)");
        sockets.forEach(WebSocket::abort);
        clock.shutdownNow();
    }


    private static JsonNode parse(String text) {
        try {
            return Json.parse(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
