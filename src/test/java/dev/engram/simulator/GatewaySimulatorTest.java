package dev.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.harness.client.ApiResponse;
import dev.engram.harness.client.Http;
import dev.engram.simulator.gateway.GatewaySimulator;
import dev.engram.simulator.support.FaultSwitch;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatewaySimulatorTest {
    private final GatewaySimulator gateway = GatewaySimulator.start("right-key", "gpt-5-chat");

    @AfterEach
    void stop() {
        gateway.close();
    }

    private ApiResponse ask(String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.endpoint() + "/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("api-key", key);
        }
        return Http.send(request);
    }

    private static String question(String persona, String text) {
        return "{\"model\":\"gpt-5-chat\",\"messages\":[{\"role\":\"system\",\"content\":\"You are " + persona
                + ".\"},{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    @Test
    void answersTheCapitalOfFranceWithParis() {
        ApiResponse reply = ask("right-key", question("Dr. Elena Vasquez", "What is the capital of France?"));
        assertEquals(200, reply.status());
        assertEquals("chat.completion", reply.json().path("object").asText());
        assertTrue(reply.json().path("choices").path(0).path("message").path("content").asText().contains("Paris"));
        assertTrue(reply.json().path("usage").path("total_tokens").asInt() > 0);
    }

    @Test
    void anythingElseGetsThePersonasFallback() {
        String elena = ask("right-key", question("Dr. Elena Vasquez", "Tell me about llamas")).json().path("choices").path(0).path("message").path("content").asText();
        String marcus = ask("right-key", question("Marcus Chen", "Tell me about llamas")).json().path("choices").path(0).path("message").path("content").asText();
        assertTrue(elena.contains("Elena Vasquez"), elena);
        assertTrue(marcus.contains("Marcus Chen"), marcus);
    }

    @Test
    void recallsFromTheContextItWasGiven() {
        String body = "{\"model\":\"gpt-5-chat\",\"messages\":[{\"role\":\"system\",\"content\":\"You are Sage.\\nKnown facts about the user:\\n- User works at Fabrikam\"},"
                + "{\"role\":\"user\",\"content\":\"Where do I work?\"}]}";
        assertTrue(ask("right-key", body).body().contains("You work at Fabrikam"));
    }

    @Test
    void refusesAMissingOrWrongKeyWith401() {
        assertEquals(401, ask(null, question("Elena", "Hello")).status());
        ApiResponse wrong = ask("wrong-key", question("Elena", "Hello"));
        assertEquals(401, wrong.status());
        assertTrue(wrong.json().path("message").asText().contains("invalid subscription key"));
    }

    @Test
    void refusesBadRequestsTheOpenAiWay() {
        assertEquals(400, ask("right-key", "{not json").status());
        assertEquals(400, ask("right-key", "{\"model\":\"gpt-5-chat\",\"messages\":[]}").status());
        assertEquals(404, ask("right-key", "{\"model\":\"gpt-4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").status());
    }

    @Test
    void appliesARateLimitFaultOnceWithRetryAfter() {
        gateway.faults().arm(FaultSwitch.named("gateway-rate-limited"));
        ApiResponse limited = ask("right-key", question("Elena", "Hello"));
        assertEquals(429, limited.status());
        assertEquals("1", limited.header("Retry-After"));
        assertEquals(200, ask("right-key", question("Elena", "Hello")).status());
    }
}
