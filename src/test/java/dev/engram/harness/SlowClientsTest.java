package dev.engram.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.engram.harness.client.Http;
import dev.engram.harness.client.VoiceSocket;
import dev.engram.harness.stack.EmbeddedStack;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Slow and hostile clients: hundreds of connections that send half a request (slowloris) on REST and on the voice
 * socket's upgrade hold no worker the others need. The limit is Jetty's idle timeout, after which such a connection
 * is closed; meanwhile health, chat and a voice session still answer.
 */
class SlowClientsTest {
    private static final int SLOW = 300;

    @Test
    void halfSentRequestsDoNotStarveOthers() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            URI api = URI.create(stack.endpoints().api());
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < SLOW; i++) {
                    Socket s = new Socket(api.getHost(), api.getPort());
                    String half = i % 2 == 0 ? "POST /api/v1/chat HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"content\":"
                            : "GET /api/v1/voice/voicelive/session-" + i + "-slow HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n";
                    s.getOutputStream().write(half.getBytes(StandardCharsets.US_ASCII));
                    slow.add(s);
                }
                assertEquals(200, Http.get(api + "/health").status(), "health while " + SLOW + " clients hold half requests");
                assertEquals(200, Http.post(api + "/api/v1/chat", "{\"content\":\"What is the capital of France?\"}").status(), "chat meanwhile");
                try (VoiceSocket voice = VoiceSocket.open(api.toString(), "session-1-notslow", Optional.empty(), Duration.ofSeconds(10))) {
                    voice.await(0, m -> m.is("agent_switched"), Duration.ofSeconds(15), "a voice session meanwhile");
                }
            } finally {
                for (Socket s : slow) {
                    close(s);
                }
            }
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closed
        }
    }
}
