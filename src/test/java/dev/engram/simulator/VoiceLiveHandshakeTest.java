package dev.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.support.Json;
import dev.engram.simulator.voicelive.VoiceLiveSimulator;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VoiceLiveHandshakeTest {
    private final VoiceLiveSimulator voiceLive = VoiceLiveSimulator.start("the-key");
    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        voiceLive.close();
    }

    private CompletableFuture<WebSocket> connect(String pathAndQuery, String apiKey) {
        WebSocket.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().newWebSocketBuilder().subprotocols("realtime");
        if (apiKey != null) {
            builder.header("api-key", apiKey);
        }
        return builder.buildAsync(URI.create(voiceLive.endpoint().replace("http", "ws") + pathAndQuery), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                received.add(data.toString());
                ws.request(1);
                return null;
            }
        });
    }

    private JsonNode next() throws Exception {
        String frame = received.poll(5, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no event within 5 s");
        }
        return Json.parse(frame);
    }

    @ParameterizedTest
    @CsvSource({"/voice-live/realtime", "/api/projects/myproj/voice-live/realtime"})
    void acceptsAKeyEchoesRealtimeAndOpensWithSessionCreated(String path) throws Exception {
        WebSocket ws = connect(path + "?api-version=2025-10-01&model=gpt-realtime", "the-key").get(5, TimeUnit.SECONDS);
        assertEquals("realtime", ws.getSubprotocol());
        JsonNode created = next();
        assertEquals("session.created", created.path("type").asText());
        assertEquals("gpt-realtime", created.path("session").path("model").asText());
        ws.sendText("{\"session\":{\"voice\":{\"name\":\"en-US-Andrew:DragonHDLatestNeural\",\"type\":\"azure-standard\"}},\"type\":\"session.update\"}", true);
        JsonNode updated = next();
        assertEquals("session.updated", updated.path("type").asText());
        assertEquals("en-US-Andrew:DragonHDLatestNeural", updated.path("session").path("voice").path("name").asText());
        assertEquals(24000, updated.path("session").path("input_audio_sampling_rate").asInt());
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    }

    @Test
    void badClientEventsGetErrorEventsAndTheSocketStaysUp() throws Exception {
        WebSocket ws = connect("/voice-live/realtime?api-version=2025-10-01&model=gpt-realtime", "the-key").get(5, TimeUnit.SECONDS);
        next();
        ws.sendText("{not json", true);
        assertEquals("invalid_json", next().path("error").path("code").asText());
        ws.sendText("{\"type\":\"dance\"}", true);
        assertEquals("unknown_event_type", next().path("error").path("code").asText());
        ws.sendText("{\"type\":\"input_audio_buffer.append\",\"audio\":\"***\"}", true);
        assertEquals("invalid_audio", next().path("error").path("code").asText());
        ws.sendText("{\"type\":\"input_audio_buffer.clear\"}", true);
        assertEquals("input_audio_buffer.cleared", next().path("type").asText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "?api-version=2025-10-01&model=gpt-realtime|wrong|401|invalid subscription key",
            "?api-version=2025-10-01&model=gpt-realtime||401|missing subscription key",
            "?api-version=1999-01-01&model=gpt-realtime|the-key|400|Unsupported api-version",
            "?model=gpt-realtime|the-key|400|api-version query parameter",
            "?api-version=2025-10-01|the-key|400|model query parameter"})
    void refusesTheHandshakeWithARealStatusAndReason(String query, String key, int status, String reason) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> connect("/voice-live/realtime" + query, key).get(5, TimeUnit.SECONDS));
        WebSocketHandshakeException handshake = (WebSocketHandshakeException) e.getCause();
        assertEquals(status, handshake.getResponse().statusCode());
        String raw = rawUpgrade("/voice-live/realtime" + query, key);
        assertTrue(raw.startsWith("HTTP/1.1 " + status) && raw.contains(reason), raw);
    }

    /** The JDK client hides a refused handshake's body, so read it off a raw socket. */
    private String rawUpgrade(String pathAndQuery, String key) throws Exception {
        URI uri = URI.create(voiceLive.endpoint());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(5000);
            String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + uri.getAuthority()
                    + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13"
                    + "\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: realtime\r\n"
                    + (key == null ? "" : "api-key: " + key + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            StringBuilder response = new StringBuilder();
            byte[] buffer = new byte[4096];
            int n;
            while (!response.toString().endsWith("\r\n0\r\n\r\n") && (n = socket.getInputStream().read(buffer)) > 0) {
                response.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            return response.toString();
        }
    }
}
