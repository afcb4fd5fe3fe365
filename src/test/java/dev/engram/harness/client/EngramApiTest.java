package dev.engram.harness.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.engram.harness.config.BackendUnderTest;
import dev.engram.harness.config.Endpoints;
import dev.engram.harness.config.Target;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The steps' API client asks as curl would and takes a backend's redirect on a GET, as a browser's fetch does. */
class EngramApiTest {
    private final HttpServer server = start();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final EngramApi api = new EngramApi(new Target("local", Endpoints.deployed(url(), null), BackendUnderTest.deployed(url()), Optional.of("tok")));

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aGetFollowsARedirectToTheCanonicalPathAndSendsPlainHttp11Headers() {
        ApiResponse agents = api.request("GET", "/api/v1/agents");
        assertEquals(200, agents.status(), agents.summary());
        assertEquals("[]", agents.body());
        assertEquals(List.of("GET /api/v1/agents", "GET /api/v1/agents/"), seen.stream().map(line -> line.split(" \\|")[0]).toList());
        String headers = seen.get(0);
        assertEquals(true, headers.contains("| accept=*/*") && headers.contains("| authorization=Bearer tok"), headers);
        assertFalse(headers.contains("upgrade") || headers.contains("http2-settings"), "no h2c upgrade: " + headers);
    }

    @Test
    void aPostSeesTheRedirectItselfAndAnAnonymousCallCarriesNoToken() {
        ApiResponse chat = api.postJsonAnonymously("/api/v1/agents", "{\"content\":\"Hello\"}");
        assertEquals(307, chat.status(), chat.summary());
        assertEquals(1, seen.size(), seen.toString());
        assertFalse(seen.get(0).contains("authorization="), seen.get(0));
        assertEquals(true, seen.get(0).contains("| content-type=application/json"), seen.get(0));
    }

    private HttpServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/", this::answer);
            http.start();
            return http;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        StringBuilder line = new StringBuilder(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
        exchange.getRequestHeaders().forEach((name, values) -> line.append(" | ").append(name.toLowerCase()).append('=').append(values.get(0)));
        seen.add(line.toString());
        exchange.getRequestBody().readAllBytes();
        boolean canonical = exchange.getRequestURI().getPath().endsWith("/");
        if (!canonical) {
            exchange.getResponseHeaders().add("Location", url() + exchange.getRequestURI().getPath() + "/");
        }
        byte[] body = (canonical ? "[]" : "{}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().putAll(Map.of("Content-Type", List.of("application/json")));
        exchange.sendResponseHeaders(canonical ? 200 : 307, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
