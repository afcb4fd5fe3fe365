package dev.engram.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The upstream client reads a body whole and as UTF-8, whether the upstream declares its length or streams chunks. */
class UpstreamHttpTest {
    private static final String ANSWER = "{\"content\":\"Paris \u2014 caf\u00e9 \u00e0 la gare \uD83D\uDE86\"}";

    private final HttpServer server = start();
    private final UpstreamHttp http = new UpstreamHttp(Duration.ofSeconds(2));

    @AfterEach
    void stop() {
        http.close();
        server.stop(0);
    }

    @Test
    void aBodyOfDeclaredLengthIsDecodedAsUtf8() throws IOException {
        UpstreamHttp.Reply reply = http.send("GET", uri("/declared"), Map.of(), null, Duration.ofSeconds(2));
        assertEquals(200, reply.status());
        assertEquals(ANSWER, reply.body());
        assertEquals(String.valueOf(ANSWER.getBytes(StandardCharsets.UTF_8).length), reply.header("Content-Length").orElseThrow());
    }

    @Test
    void aChunkedBodySplitInsideACharacterIsDecodedWhole() throws IOException {
        UpstreamHttp.Reply reply = http.send("POST", uri("/chunked"), Map.of(), "{}", Duration.ofSeconds(2));
        assertEquals(200, reply.status());
        assertEquals(ANSWER, reply.body());
        assertEquals("chunked", reply.header("Transfer-Encoding").orElseThrow());
    }

    @Test
    void anEmptyAnswerIsAnEmptyBody() throws IOException {
        UpstreamHttp.Reply reply = http.send("GET", uri("/empty"), Map.of(), null, Duration.ofSeconds(2));
        assertEquals(204, reply.status());
        assertEquals("", reply.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] bytes = ANSWER.getBytes(StandardCharsets.UTF_8);
            server.createContext("/declared", exchange -> {
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.createContext("/chunked", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, 0); // 0: chunked
                try (OutputStream out = exchange.getResponseBody()) {
                    int cut = ANSWER.indexOf('\u2014') + 1; // what precedes the dash is ASCII: this cuts inside its 3 bytes
                    out.write(bytes, 0, cut);
                    out.flush();
                    out.write(bytes, cut, bytes.length - cut);
                }
            });
            server.createContext("/empty", exchange -> {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
