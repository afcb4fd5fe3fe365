package dev.engram.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.audio.Pcm16;
import dev.engram.harness.client.Http;
import dev.engram.harness.client.VoiceSocket;
import dev.engram.harness.stack.EmbeddedStack;
import dev.engram.harness.state.VoiceState;
import dev.engram.support.Waits;
import dev.engram.testing.RawUpgrade;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Hostile voice clients, each met by a documented bound with a clear refusal, while others are still served:
 * <ul>
 *   <li>a client that never reads: once more than {@code ENGRAM_VOICE_MAX_QUEUED_BYTES} wait for it, it is
 *       disconnected and its session released (the test sets 64 KiB; the default is 4 MiB);</li>
 *   <li>a flood of voice upgrades: beyond {@code ENGRAM_VOICE_MAX_SESSIONS} open sockets an upgrade gets 503 with
 *       {@code Retry-After} and a JSON body naming the limit (the test sets 40; the default is 1000);</li>
 *   <li>a flood of silent TCP connections: each costs a descriptor until the idle timeout, and takes no worker.</li>
 * </ul>
 */
class HostileClientsTest {
    private static final int MAX_FRAMES = 400_000;

    @Test
    void aClientThatNeverReadsIsDisconnectedAndOthersAreServed() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.builder().with(Map.of("ENGRAM_VOICE_MAX_QUEUED_BYTES", "65536")).start()) {
            URI api = URI.create(stack.endpoints().api());
            byte[] unknown = RawUpgrade.maskedText("{\"type\":\"no-such-type\"}"); // each answered with an error message
            int sent = 0;
            try (Socket socket = new Socket()) {
                socket.setReceiveBufferSize(4096);
                socket.connect(new java.net.InetSocketAddress(api.getHost(), api.getPort()));
                upgrade(socket, api, "session-1-neverreads");
                assertTrue(RawUpgrade.readHead(socket.getInputStream()).startsWith("HTTP/1.1 101"), "the upgrade");
                OutputStream out = socket.getOutputStream();
                for (byte[] frame : audioFrames()) {
                    out.write(frame); // a spoken turn: its answer is streamed to a client that never reads
                }
                try {
                    while (sent < MAX_FRAMES && (sent % 10_000 != 0 || activeSessions(api) > 0)) {
                        out.write(unknown);
                        sent++;
                    }
                } catch (IOException cut) {
                    // the server disconnected the client
                }
                int active = awaitActive(api, 0);
                System.out.println("HostileClientsTest: a never-reading client was cut after " + sent + " unanswerable frames");
                assertEquals(0, active, "the never-reading client's session is released within " + MAX_FRAMES + " frames");
            }
            assertServed(api);
        }
    }

    @Test
    void voiceUpgradesBeyondTheLimitAreRefusedWith503AndRetryAfter() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.builder().with(Map.of("ENGRAM_VOICE_MAX_SESSIONS", "40")).start()) {
            URI api = URI.create(stack.endpoints().api());
            List<Socket> open = new ArrayList<>();
            List<String> refusals = new ArrayList<>();
            try {
                for (int i = 0; i < 60; i++) {
                    Socket socket = new Socket(api.getHost(), api.getPort());
                    socket.setSoTimeout(15_000);
                    upgrade(socket, api, "session-" + i + "-flood");
                    String head = RawUpgrade.readHead(socket.getInputStream());
                    String answer = head.startsWith("HTTP/1.1 101") ? jsonBody(socket.getInputStream()) : head + jsonBody(socket.getInputStream());
                    if (answer.contains("agent_switched")) {
                        open.add(socket);
                        continue;
                    }
                    refusals.add(answer);
                    socket.close();
                }
                assertEquals(40, open.size(), "sockets up to the limit open");
                assertEquals(20, refusals.size());
                for (String refusal : refusals) {
                    boolean at503 = refusal.startsWith("HTTP/1.1 503") && refusal.contains("Retry-After: 5") && refusal.contains("application/json");
                    boolean atOpen = refusal.contains("\"type\":\"error\""); // raced past the upgrade check: an error, then close 1013
                    assertTrue((at503 || atOpen) && refusal.contains("ENGRAM_VOICE_MAX_SESSIONS"), refusal);
                }
                assertEquals(200, Http.get(api + "/health").status(), "health meanwhile");
            } finally {
                for (Socket s : open) {
                    s.close();
                }
            }
            assertEquals(0, awaitActive(api, 0), "the flood's sessions are released");
            assertServed(api);
        }
    }

    @Test
    void twoThousandSilentConnectionsTakeNoWorker() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            URI api = URI.create(stack.endpoints().api());
            List<Socket> silent = new ArrayList<>();
            try {
                for (int i = 0; i < 2_000; i++) {
                    silent.add(new Socket(api.getHost(), api.getPort()));
                }
                assertServed(api);
            } finally {
                for (Socket s : silent) {
                    s.close();
                }
            }
        }
    }

    /** Health, chat and a voice session still answer. */
    private static void assertServed(URI api) {
        assertEquals(200, Http.get(api + "/health").status(), "health");
        assertEquals(200, Http.post(api + "/api/v1/chat", "{\"content\":\"What is the capital of France?\"}").status(), "chat");
        try (VoiceSocket voice = VoiceSocket.open(api.toString(), "session-1-wellbehaved", Optional.empty(), Duration.ofSeconds(10))) {
            voice.await(0, m -> m.is("agent_switched"), Duration.ofSeconds(15), "a voice session");
        }
    }

    /** A spoken utterance and the silence that ends it, as masked WebSocket frames of 4096 samples. */
    private static List<byte[]> audioFrames() {
        short[] samples = VoiceState.fixtures().byId("capital-of-france").audio().append(Pcm16.silence(1200)).samples();
        List<byte[]> frames = new ArrayList<>();
        for (int from = 0; from < samples.length; from += VoiceSocket.FRAME_SAMPLES) {
            Pcm16 chunk = new Pcm16(Arrays.copyOfRange(samples, from, Math.min(samples.length, from + VoiceSocket.FRAME_SAMPLES)), Pcm16.RATE);
            frames.add(RawUpgrade.maskedText("{\"type\":\"audio\",\"data\":\"" + Base64.getEncoder().encodeToString(chunk.toBytes()) + "\"}"));
        }
        return frames;
    }

    private static void upgrade(Socket socket, URI api, String session) throws IOException {
        RawUpgrade.send(socket, api.getAuthority(), "/api/v1/voice/voicelive/" + session, "");
    }

    /** The refusal's JSON body, read to its closing brace (the connection stays open). */
    private static String jsonBody(InputStream in) throws IOException {
        StringBuilder body = new StringBuilder();
        int depth = 0;
        boolean started = false;
        int b;
        while ((b = in.read()) >= 0) {
            body.append((char) b);
            depth += b == '{' ? 1 : b == '}' ? -1 : 0;
            started |= b == '{';
            if (started && depth == 0) {
                break;
            }
        }
        return body.toString();
    }

    private static int activeSessions(URI api) {
        return Http.get(api + "/api/v1/voice/status").json().path("active_sessions").asInt(-1);
    }

    private static int awaitActive(URI api, int wanted) {
        return Waits.until(() -> activeSessions(api), active -> active == wanted, Duration.ofSeconds(30));
    }
}
