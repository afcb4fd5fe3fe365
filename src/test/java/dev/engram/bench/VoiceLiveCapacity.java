package dev.engram.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.audio.FixtureRegistry;
import dev.engram.audio.Pcm16;
import dev.engram.support.Json;
import dev.engram.simulator.voicelive.VoiceLiveSimulator;
import dev.engram.testing.JsonFrames;
import dev.engram.testing.Percentiles;
import java.net.URI;
import java.net.http.HttpClient;
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
 * Benchmark, not a test: how many concurrent realtime-paced sessions the VoiceLive simulator holds on this machine.
 * Each session streams a prompt at real time in 100 ms chunks, then receives the answer paced at real time; the
 * lateness of answer audio frames against a real-time schedule is the measure.
 * Run: {@code java -cp target/test-classes:target/classes:$(cat target/runtime-classpath.txt) dev.engram.bench.VoiceLiveCapacity 25 50 100 150}
 */
public final class VoiceLiveCapacity {
    private VoiceLiveCapacity() {}

    public static void main(String[] args) throws Exception {
        Pcm16 prompt = new FixtureRegistry(Path.of("audio-fixtures")).byId("capital-of-france").audio().append(Pcm16.silence(900));
        System.out.println("sessions  completed  frames  p50_late_ms  p99_late_ms  max_late_ms  wall_s");
        for (String arg : args) {
            run(Integer.parseInt(arg), prompt);
        }
        System.exit(0);
    }

    private static void run(int sessions, Pcm16 prompt) throws Exception {
        try (VoiceLiveSimulator simulator = VoiceLiveSimulator.options().apiKey("bench").pacing("realistic").start()) {
            ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<Long> lateness = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(sessions);
            long started = System.nanoTime();
            List<WebSocket> sockets = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                long[] firstAudio = {0};
                int[] frames = {0};
                WebSocket ws = http.newWebSocketBuilder().subprotocols("realtime").header("api-key", "bench")
                        .buildAsync(URI.create(simulator.endpoint().replace("http", "ws") + "/voice-live/realtime?api-version=2025-10-01&model=gpt-realtime"),
                                JsonFrames.to(event -> {
                                    String type = event.path("type").asText();
                                    long now = System.nanoTime();
                                    if (type.equals("response.audio.delta")) {
                                        if (frames[0] == 0) {
                                            firstAudio[0] = now;
                                        } else {
                                            long due = firstAudio[0] + TimeUnit.MILLISECONDS.toNanos(100L * frames[0]);
                                            lateness.add(Math.max(0, TimeUnit.NANOSECONDS.toMillis(now - due)));
                                        }
                                        frames[0]++;
                                    } else if (type.equals("response.done")) {
                                        done.countDown();
                                    }
                                })).get(30, TimeUnit.SECONDS);
                ws.sendText("{\"type\":\"session.update\",\"session\":{\"input_audio_transcription\":{\"model\":\"azure-speech\"}}}", true).join();
                sockets.add(ws);
                stream(ws, prompt, clock);
            }
            boolean all = done.await(120, TimeUnit.SECONDS);
            double wall = (System.nanoTime() - started) / 1e9;
            List<Long> sorted = new ArrayList<>(lateness);
            Collections.sort(sorted);
            System.out.printf("%8d  %9d  %6d  %11d  %11d  %11d  %6.1f%s%n", sessions, sessions - done.getCount(), sorted.size(),
                    Percentiles.of(sorted, 0.50), Percentiles.of(sorted, 0.99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1), wall, all ? "" : "  (timed out)");
            sockets.forEach(WebSocket::abort);
            clock.shutdownNow();
        }
    }

    /** Streams the prompt at real time, 100 ms per chunk, on a shared clock. */
    private static void stream(WebSocket ws, Pcm16 prompt, ScheduledExecutorService clock) {
        byte[] pcm = prompt.toBytes();
        int chunk = Pcm16.BYTES_PER_MS * 100;
        CompletableFuture<?>[] previous = {CompletableFuture.completedFuture(null)};
        for (int i = 0, offset = 0; offset < pcm.length; i++, offset += chunk) {
            byte[] piece = Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + chunk));
            String frame = "{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(piece) + "\"}";
            clock.schedule(() -> {
                synchronized (previous) {
                    previous[0] = previous[0].thenCompose(ignored -> ws.sendText(frame, true));
                }
            }, 100L * i, TimeUnit.MILLISECONDS);
        }
    }


    private static JsonNode parse(String text) {
        try {
            return Json.parse(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
