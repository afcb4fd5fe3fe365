package dev.engram.reference;

import dev.engram.harness.client.ApiResponse;
import dev.engram.harness.client.Http;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.simulator.gateway.GatewaySimulator;
import dev.engram.simulator.zep.ZepSimulator;
import dev.engram.support.Waits;
import java.time.Duration;
import java.util.List;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngramServerTest {
    private final GatewaySimulator gateway = GatewaySimulator.start("k", "gpt-5-chat");
    private EngramServer engram;

    @AfterEach
    void stop() {
        if (engram != null) {
            engram.close();
        }
        gateway.close();
    }

    private void start(Map<String, String> extra) {
        java.util.HashMap<String, String> env = new java.util.HashMap<>(Map.of(
                "AZURE_AI_ENDPOINT", gateway.endpoint(), "AZURE_AI_KEY", "k",
                "CORS_ORIGINS", "[\"https://app.azurestaticapps.net\"]"));
        env.putAll(extra);
        engram = EngramServer.start(EngramSettings.fromEnvironment(env));
    }

    @Test
    void healthNamesTheEnvironment() {
        start(Map.of("ENVIRONMENT", "test", "AUTH_REQUIRED", "false"));
        ApiResponse health = Http.get(engram.url() + "/health");
        assertEquals(200, health.status());
        assertEquals("healthy", health.json().path("status").asText());
        assertEquals("test", health.json().path("environment").asText());
    }

    @Test
    void voiceStatusIsNotConfiguredWithoutAnEndpoint() {
        start(Map.of());
        ApiResponse status = Http.get(engram.url() + "/api/v1/voice/status");
        assertFalse(status.json().path("voicelive_configured").asBoolean());
        assertEquals(0, status.json().path("active_sessions").asInt());
    }

    @Test
    void anUnknownAgentsVoiceConfigIs404NamingTheKnownAgents() {
        start(Map.of());
        ApiResponse reply = Http.get(engram.url() + "/api/v1/voice/config/bob");
        assertEquals(404, reply.status());
        assertTrue(reply.json().path("detail").asText().contains("elena, marcus, sage"));
    }

    @Test
    void aNewSessionReadsOnlyTheUsersFactsAndAGivenSessionAlsoItsTurns() {
        try (ZepSimulator zep = ZepSimulator.start()) {
            start(Map.of("ZEP_API_URL", zep.url()));
            String session = Http.post(engram.url() + "/api/v1/chat", "{\"content\":\"What is the capital of France?\"}").json().path("session_id").asText();
            Waits.until(() -> zep.transcript(session).size(), turns -> turns == 2, Duration.ofSeconds(5));
            Http.post(engram.url() + "/api/v1/chat", "{\"content\":\"And of Spain?\",\"session_id\":\"" + session + "\"}");
            List<String> reads = zep.journal().all().stream().filter(call -> call.method().equals("GET"))
                    .map(call -> call.path().replaceAll("/users/[^/]+/", "/users/{user}/")).toList();
            String facts = "/api/v1/users/{user}/facts";
            assertEquals(facts, reads.get(0), "a session minted by the chat reads no turns: " + reads);
            assertEquals(List.of("/api/v1/sessions/" + session + "/messages", facts, facts), reads.stream().sorted().toList(),
                    "a given session reads its turns and the user's facts: " + reads);
        }
    }

    @Test
    void chatWorksWithoutZepAndCreatesASession() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        start(Map.of("ZEP_API_URL", "http://127.0.0.1:" + closed));
        ApiResponse reply = Http.post(engram.url() + "/api/v1/chat", "{\"content\":\"What is the capital of France?\"}");
        assertEquals(200, reply.status());
        assertTrue(reply.json().path("session_id").asText().matches("session-\\d+-[0-9a-z]{7}"));
        assertEquals("elena", reply.json().path("agent_id").asText());
    }

    @Test
    void authRequiredRefusesAMissingTokenWithTheSopsWords() {
        start(Map.of("ENVIRONMENT", "development", "AUTH_REQUIRED", "true"));
        ApiResponse missing = Http.post(engram.url() + "/api/v1/chat", "{\"content\":\"Hi\"}");
        assertEquals(401, missing.status());
        assertEquals("Missing token", missing.json().path("detail").asText());
        ApiResponse dev = Http.send(HttpRequest.newBuilder(URI.create(engram.url() + "/api/v1/chat"))
                .header("Authorization", "Bearer dev_alice_analyst").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"Hi\"}")));
        assertEquals(200, dev.status());
    }

    @Test
    void corsAllowsOnlyTheConfiguredOrigin() {
        start(Map.of());
        ApiResponse allowed = Http.send(preflight("https://app.azurestaticapps.net"));
        assertEquals(204, allowed.status());
        assertEquals("https://app.azurestaticapps.net", allowed.header("Access-Control-Allow-Origin"));
        ApiResponse refused = Http.send(preflight("https://evil.example"));
        assertEquals(403, refused.status());
        assertNull(refused.header("Access-Control-Allow-Origin"));
    }

    @Test
    void anUnlistedMethodIs405() {
        start(Map.of());
        assertEquals(405, Http.send(HttpRequest.newBuilder(URI.create(engram.url() + "/health")).DELETE()).status());
    }

    private HttpRequest.Builder preflight(String origin) {
        return HttpRequest.newBuilder(URI.create(engram.url() + "/api/v1/chat"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST");
    }
}
