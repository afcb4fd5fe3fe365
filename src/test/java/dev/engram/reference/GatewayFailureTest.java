package dev.engram.reference;

import dev.engram.harness.client.ApiResponse;
import dev.engram.harness.client.Http;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reference server against a WireMock gateway: every gateway failure is a clear non-200. */
class GatewayFailureTest {
    private static final String PATH = "/gw/openai/v1/chat/completions";
    private static final String ASK = "{\"content\":\"What is the capital of France?\",\"agent_id\":\"elena\"}";

    private WireMockServer gateway;
    private EngramServer engram;

    @BeforeEach
    void startGateway() {
        gateway = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        gateway.start();
    }

    @AfterEach
    void stop() {
        if (engram != null) {
            engram.close();
        }
        gateway.stop();
    }

    private void startEngram(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "AZURE_AI_ENDPOINT", "http://127.0.0.1:" + gateway.port() + "/gw/openai/v1",
                "AZURE_AI_KEY", "secret-gateway-key-123",
                "ENGRAM_GATEWAY_TIMEOUT_MS", "2000"));
        env.putAll(extra);
        engram = EngramServer.start(EngramSettings.fromEnvironment(env));
    }

    private static String completion(String text) {
        return "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"}}],\"usage\":{\"total_tokens\":12}}";
    }

    @Test
    void sendsTheUpstreamRequestShapeAndReturnsTheReply() {
        gateway.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(completion("Paris."))));
        startEngram(Map.of());
        ApiResponse reply = Http.post(engram.url() + "/api/v1/chat", ASK);
        assertEquals(200, reply.status());
        assertEquals("Paris.", reply.json().path("content").asText());
        assertEquals(12, reply.json().path("tokens_used").asInt());
        gateway.verify(postRequestedFor(urlPathEqualTo(PATH))
                .withHeader("api-key", equalTo("secret-gateway-key-123"))
                .withHeader("Ocp-Apim-Subscription-Key", equalTo("secret-gateway-key-123")));
        String sent = gateway.getAllServeEvents().get(0).getRequest().getBodyAsString();
        assertTrue(sent.contains("\"model\":\"gpt-5-chat\"") && sent.contains("\"role\":\"system\"") && sent.contains("Elena"), sent);
    }

    @Test
    void aGateway500IsA502JsonErrorThatLeaksNoKey() {
        gateway.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(500).withBody("{\"error\":\"boom\"}")));
        startEngram(Map.of());
        ApiResponse reply = Http.post(engram.url() + "/api/v1/chat", ASK);
        assertEquals(502, reply.status());
        assertEquals("gateway_error", reply.json().path("error").asText());
        assertFalse(reply.body().contains("secret-gateway-key-123"));
    }

    @Test
    void aRefusedKeyIsA502NamingTheVariable() {
        gateway.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(401)));
        startEngram(Map.of());
        ApiResponse reply = Http.post(engram.url() + "/api/v1/chat", ASK);
        assertEquals(502, reply.status());
        assertTrue(reply.json().path("detail").asText().contains("AZURE_AI_KEY"));
        assertFalse(reply.body().contains("secret-gateway-key-123"));
    }

    @Test
    void a429IsRetriedAfterRetryAfter() {
        gateway.stubFor(post(urlPathEqualTo(PATH)).inScenario("rate").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        gateway.stubFor(post(urlPathEqualTo(PATH)).inScenario("rate").whenScenarioStateIs("open")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(completion("Paris."))));
        startEngram(Map.of("ENGRAM_GATEWAY_TIMEOUT_MS", "5000"));
        ApiResponse reply = Http.post(engram.url() + "/api/v1/chat", ASK);
        assertEquals(200, reply.status());
        List<LoggedRequest> calls = gateway.findAll(postRequestedFor(urlPathEqualTo(PATH)));
        assertEquals(2, calls.size());
        long gap = Math.abs(calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime());
        assertTrue(gap >= 900, "the retry came " + gap + " ms after the 429, before its Retry-After of 1 s");
    }

    @Test
    void aPersistent429SurfacesAs429WithRetryAfter() {
        gateway.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));
        startEngram(Map.of());
        ApiResponse reply = Http.post(engram.url() + "/api/v1/chat", ASK);
        assertEquals(429, reply.status());
        assertTrue(reply.hasHeader("Retry-After"));
        assertEquals(3, gateway.findAll(postRequestedFor(urlPathEqualTo(PATH))).size());
    }

    @Test
    void aSlowGatewayIsA504() {
        gateway.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withFixedDelay(4000).withBody(completion("late"))));
        startEngram(Map.of("ENGRAM_GATEWAY_TIMEOUT_MS", "500"));
        assertEquals(504, Http.post(engram.url() + "/api/v1/chat", ASK).status());
    }

    @Test
    void anEmptyCompletionIsA502NotAnEmptyAnswer() {
        gateway.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(completion(""))));
        startEngram(Map.of());
        ApiResponse reply = Http.post(engram.url() + "/api/v1/chat", ASK);
        assertEquals(502, reply.status());
        assertEquals("gateway_empty_response", reply.json().path("error").asText());
    }

    @Test
    void anUnreachableGatewayIsA503NamingTheHost() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        engram = EngramServer.start(EngramSettings.fromEnvironment(Map.of(
                "AZURE_AI_ENDPOINT", "http://127.0.0.1:" + closedPort + "/gw/openai/v1", "AZURE_AI_KEY", "k")));
        ApiResponse reply = Http.post(engram.url() + "/api/v1/chat", ASK);
        assertEquals(503, reply.status());
        assertTrue(reply.json().path("detail").asText().contains("127.0.0.1:" + closedPort));
    }
}
