package dev.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.audio.FixtureRegistry;
import dev.engram.audio.Pcm16;
import dev.engram.simulator.cassette.Cassette;
import dev.engram.simulator.cassette.CassetteRecorder;
import dev.engram.simulator.cassette.CassetteReplay;
import dev.engram.support.Json;
import dev.engram.support.LoopbackServer;
import dev.engram.simulator.voicelive.VoiceLiveSimulator;
import dev.engram.support.Waits;
import dev.engram.testing.JsonFrames;
import dev.engram.testing.RawUpgrade;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record a spoken turn through the recording proxy, then replay it: the same events in the same order, each within
 * 150 ms of its recorded offset from the client action it follows; no key in the cassette; a client that departs
 * from the recording gets an error naming the frame.
 */
class CassetteTest {
    private static final long TOLERANCE_MS = 150;

    @TempDir
    Path work;

    @Test
    void aRecordedTurnReplaysWithItsEventsAndTiming() throws Exception {
        Path cassette = work.resolve("turn.ndjson");
        List<long[]> recordedTimes;
        try (VoiceLiveSimulator simulator = VoiceLiveSimulator.start("secret-key-for-the-cassette-test");
             CassetteRecorder recorder = CassetteRecorder.start(simulator.endpoint(), cassette, false)) {
            Turn turn = Turn.run(recorder.endpoint(), "secret-key-for-the-cassette-test");
            assertTrue(turn.types().contains("response.done"), turn.types().toString());
        }
        String text = Files.readString(cassette);
        assertFalse(text.contains("secret-key-for-the-cassette-test"), "the key reached the cassette");
        assertTrue(text.contains("base64 chars redacted"), "audio is redacted by default");
        List<Cassette.Frame> frames = Cassette.read(cassette);
        List<String> all = frames.stream().filter(f -> f.dir().equals("out")).map(Cassette.Frame::type).toList();
        // the client stops reading at response.done; whether the recorder saw events after it (rate_limits.updated) is a race
        List<String> recorded = all.subList(0, all.indexOf("response.done") + 1);

        try (CassetteReplay replay = CassetteReplay.start(cassette)) {
            Turn turn = Turn.run(replay.endpoint(), "any-key");
            assertEquals(recorded, turn.types(), "the replayed events");
            List<Cassette.Frame> out = frames.stream().filter(f -> f.dir().equals("out")).toList();
            for (int i = 0; i < recorded.size(); i++) {
                long drift = Math.abs(turn.offsets().get(i) - out.get(i).ms());
                assertTrue(drift <= TOLERANCE_MS, out.get(i).type() + " drifted " + drift + " ms from its recorded offset " + out.get(i).ms());
            }
        }
    }

    @Test
    void aBurstOfClientFramesReachesASlowUpstreamWholeAndInOrder() throws Exception {
        int frames = 300;
        CountDownLatch written = new CountDownLatch(1);
        List<String> received = new CopyOnWriteArrayList<>();
        // an upstream that reads nothing until the client's burst is written, so the recorder's sends to it back up
        try (LoopbackServer upstream = LoopbackServer.start("slow upstream", config -> config.routes.ws("/voice-live/realtime", ws -> ws.onMessage(ctx -> {
                written.await(15, TimeUnit.SECONDS);
                received.add(Json.parse(ctx.message()).path("event_id").asText());
            })));
             CassetteRecorder recorder = CassetteRecorder.start(upstream.url(), work.resolve("burst.ndjson"), false)) {
            URI endpoint = URI.create(recorder.endpoint());
            try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
                RawUpgrade.send(socket, endpoint.getAuthority(), "/voice-live/realtime?api-version=2025-10-01", "api-key: k\r\n");
                assertTrue(RawUpgrade.readHead(socket.getInputStream()).startsWith("HTTP/1.1 101"), "the recorder upgraded");
                String audio = Base64.getEncoder().encodeToString(Pcm16.silence(750).toBytes());
                ByteArrayOutputStream burst = new ByteArrayOutputStream();
                for (int i = 0; i < frames; i++) {
                    burst.writeBytes(RawUpgrade.maskedText("{\"type\":\"input_audio_buffer.append\",\"event_id\":\"e" + i + "\",\"audio\":\"" + audio + "\"}"));
                }
                socket.getOutputStream().write(burst.toByteArray());
                written.countDown();
                Waits.until(received::size, n -> n >= frames, Duration.ofSeconds(30));
            }
        }
        List<String> sent = IntStream.range(0, frames).mapToObj(i -> "e" + i).toList();
        assertEquals(frames, received.size(), "frames the upstream received; lost: " + sent.stream().filter(id -> !received.contains(id)).toList());
        assertEquals(sent, received, "the order the upstream received them in");
    }

    @Test
    void aClientThatDepartsFromTheRecordingGetsAnErrorNamingTheFrame() throws Exception {
        Path cassette = work.resolve("turn.ndjson");
        try (VoiceLiveSimulator simulator = VoiceLiveSimulator.start("k"); CassetteRecorder recorder = CassetteRecorder.start(simulator.endpoint(), cassette, false)) {
            Turn.run(recorder.endpoint(), "k");
        }
        try (CassetteReplay replay = CassetteReplay.start(cassette)) {
            LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
            WebSocket ws = Turn.connect(replay.endpoint(), "k", events);
            ws.sendText("{\"type\":\"response.create\"}", true).join();
            JsonNode error;
            do {
                error = events.poll(10, TimeUnit.SECONDS);
                assertTrue(error != null, "no error within 10 s");
            } while (!error.path("type").asText().equals("error"));
            assertTrue(error.path("error").path("message").asText().matches("cassette frame \\d+ expects 'session.update' but the client sent 'response.create'"),
                    error.toString());
        }
    }

    /** The client side of one turn: session.update, speech with trailing silence, until response.done. */
    private record Turn(List<String> types, List<Long> offsets) {
        static WebSocket connect(String endpoint, String key, LinkedBlockingQueue<JsonNode> events) throws Exception {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().newWebSocketBuilder().subprotocols("realtime")
                    .header("api-key", key).buildAsync(URI.create(endpoint.replace("http", "ws") + "/voice-live/realtime?api-version=2025-10-01&model=gpt-realtime"),
                            JsonFrames.to(events::add)).get(5, TimeUnit.SECONDS);
        }

        static Turn run(String endpoint, String key) throws Exception {
            LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
            List<long[]> arrivals = new ArrayList<>();
            long[] anchor = {System.nanoTime()};
            List<String> types = new ArrayList<>();
            List<Long> offsets = new ArrayList<>();
            WebSocket ws = connect(endpoint, key, events);
            await(events, "session.created", types, offsets, anchor);
            anchor[0] = System.nanoTime();
            ws.sendText("{\"type\":\"session.update\",\"session\":{\"input_audio_transcription\":{\"model\":\"azure-speech\"}}}", true).join();
            await(events, "session.updated", types, offsets, anchor);
            byte[] pcm = new FixtureRegistry(Path.of("audio-fixtures")).byId("capital-of-france").audio().append(Pcm16.silence(1200)).toBytes();
            anchor[0] = System.nanoTime();
            for (int offset = 0; offset < pcm.length; offset += 9600) {
                ws.sendText("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(
                        Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + 9600))) + "\"}", true).join();
            }
            await(events, "response.done", types, offsets, anchor);
            ws.abort();
            return new Turn(types, offsets);
        }

        private static void await(LinkedBlockingQueue<JsonNode> events, String type, List<String> types, List<Long> offsets, long[] anchor)
                throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline) {
                JsonNode event = events.poll(100, TimeUnit.MILLISECONDS);
                if (event != null) {
                    types.add(event.path("type").asText());
                    offsets.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - anchor[0]));
                    if (event.path("type").asText().equals(type)) {
                        return;
                    }
                }
            }
            throw new AssertionError("no " + type + " within 15 s; seen " + types);
        }
    }
}
