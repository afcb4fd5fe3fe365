package dev.engram.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.support.Json;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every error the server can produce is JSON naming what was wrong, including Jetty's own before routing. */
class ErrorsAreJsonTest {
    private static EngramServer server;

    @BeforeAll
    static void start() {
        server = EngramServer.start(EngramSettings.fromEnvironment(Map.of()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "headers too large  | 431 | request_header_fields_too_large",
            "URI too long       | 414 | uri_too_long",
            "malformed HTTP     | 400 | bad_request",
            "invalid UTF-8 body | 400 | invalid_utf8",
            "a 5000-char agent  | 422 | "})
    void errorsAreJson(String kind, int status, String code) throws Exception {
        byte[] request = switch (kind) {
            case "headers too large" -> ("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(70_000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            case "URI too long" -> ("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            case "malformed HTTP" -> "GARBAGE\u0001 / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
            case "invalid UTF-8 body" -> post(new byte[] {'{', '"', 'c', 'o', 'n', 't', 'e', 'n', 't', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'});
            default -> post(("{\"content\":\"Hi\",\"agent_id\":\"" + "x".repeat(5_000) + "\"}").getBytes(StandardCharsets.UTF_8));
        };
        String[] answer = exchange(request);
        assertTrue(answer[0].startsWith("HTTP/1.1 " + (status == 422 ? "4" : status)), answer[0]);
        JsonNode body = Json.parse(answer[1]);
        if (code != null) {
            assertEquals(code, body.path("error").asText(), answer[1]);
        }
        assertTrue(answer[1].length() < 600, "echoed input is capped: " + answer[1].length() + " characters");
    }

    private static byte[] post(byte[] body) {
        byte[] head = ("POST /api/v1/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /** The status line and the body of the answer to raw bytes. */
    private static String[] exchange(byte[] request) throws Exception {
        URI uri = URI.create(server.url());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new String[] {text.substring(0, text.indexOf("\r\n")), text.substring(text.indexOf("\r\n\r\n") + 4)};
        }
    }
}
