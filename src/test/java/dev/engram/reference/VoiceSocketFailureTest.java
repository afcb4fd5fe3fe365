package dev.engram.reference;

import dev.engram.harness.client.Http;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.harness.client.VoiceSocket;
import dev.engram.simulator.voicelive.VoiceLiveSimulator;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a voice session can fail to start: an error naming the cause, a clean close, active_sessions back to 0. */
class VoiceSocketFailureTest {
    private final VoiceLiveSimulator voiceLive = VoiceLiveSimulator.start("right-key");
    private EngramServer engram;

    @AfterEach
    void stop() {
        if (engram != null) {
            engram.close();
        }
        voiceLive.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no endpoint|||AZURE_VOICELIVE_ENDPOINT",
            "empty key|SIM|''|key must be a string",
            "wrong key|SIM|wrong-key|Failed to establish WebSocket connection",
            "unreachable|DEAD|right-key|Failed to establish WebSocket connection"})
    void aVoiceSessionThatCannotStartSaysWhyAndCloses(String name, String endpoint, String key, String expected) throws Exception {
        Map<String, String> env = new HashMap<>();
        if ("SIM".equals(endpoint)) {
            env.put("AZURE_VOICELIVE_ENDPOINT", voiceLive.endpoint());
        } else if ("DEAD".equals(endpoint)) {
            try (ServerSocket closed = new ServerSocket(0)) {
                env.put("AZURE_VOICELIVE_ENDPOINT", "http://127.0.0.1:" + closed.getLocalPort());
            }
        }
        if (key != null) {
            env.put("AZURE_VOICELIVE_KEY", key.equals("''") ? "" : key);
        }
        engram = EngramServer.start(EngramSettings.fromEnvironment(env));
        try (VoiceSocket socket = VoiceSocket.open(engram.url(), "session-1-abcdefg", Optional.empty(), Duration.ofSeconds(5))) {
            int error = socket.await(0, m -> m.isError(), Duration.ofSeconds(10), "error");
            String message = socket.message(error).message();
            assertTrue(message.contains(expected), message);
            assertTrue(!message.contains("right-key") && !message.contains("wrong-key"), "a key leaked: " + message);
            assertTrue(socket.awaitClosed(Duration.ofSeconds(10)), "the server should close the socket");
        }
        assertEquals(0, Http.get(engram.url() + "/api/v1/voice/status").json().path("active_sessions").asInt());
    }

    /** Browsers offer permessage-deflate; the voice socket declines it (base64 audio barely compresses) and still upgrades. */
    @org.junit.jupiter.api.Test
    void theVoiceSocketUpgradesWithoutCompressionWhenABrowserOffersIt() throws Exception {
        engram = EngramServer.start(EngramSettings.fromEnvironment(Map.of("AZURE_VOICELIVE_ENDPOINT", voiceLive.endpoint(), "AZURE_VOICELIVE_KEY", "right-key")));
        java.net.URI url = java.net.URI.create(engram.url());
        try (java.net.Socket raw = new java.net.Socket(url.getHost(), url.getPort())) {
            raw.setSoTimeout(10_000);
            raw.getOutputStream().write(("GET /api/v1/voice/voicelive/session-1-abcdefg HTTP/1.1\r\nHost: " + url.getAuthority()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            while (head.indexOf("\r\n\r\n") < 0) {
                int b = raw.getInputStream().read();
                assertTrue(b >= 0, "the server closed during the handshake: " + head);
                head.append((char) b);
            }
            assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
            assertTrue(!head.toString().toLowerCase(java.util.Locale.ROOT).contains("sec-websocket-extensions"), head.toString());
        }
    }
}
