package dev.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.harness.client.ApiResponse;
import dev.engram.harness.client.Http;
import dev.engram.simulator.zep.ZepSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ZepSimulatorTest {
    private final ZepSimulator zep = ZepSimulator.start();

    @AfterEach
    void stop() {
        zep.close();
    }

    @Test
    void storesMessagesPerSessionAndExtractsFactsPerUser() {
        assertEquals(201, Http.post(zep.url() + "/api/v1/sessions", "{\"session_id\":\"s1\",\"user_id\":\"u1\",\"metadata\":{}}").status());
        assertEquals(200, Http.post(zep.url() + "/api/v1/sessions/s1/memory",
                "{\"messages\":[{\"role_type\":\"user\",\"content\":\"My name is Priya and I work at Contoso.\"},"
                        + "{\"role_type\":\"assistant\",\"content\":\"Nice to meet you.\"}]}").status());
        ApiResponse messages = Http.get(zep.url() + "/api/v1/sessions/s1/messages?limit=10");
        assertEquals(2, messages.json().path("messages").size());
        assertEquals("assistant", messages.json().path("messages").path(1).path("role_type").asText());
        String facts = Http.get(zep.url() + "/api/v1/users/u1/facts?limit=5&query=work").body();
        assertTrue(facts.contains("User works at Contoso") && facts.contains("User's name is Priya"), facts);
        ApiResponse search = Http.post(zep.url() + "/api/v1/sessions/search", "{\"text\":\"where does Priya work\",\"limit\":3,\"search_type\":\"similarity\"}");
        assertEquals("s1", search.json().path(0).path("session_id").asText());
    }

    @Test
    void anUnknownSessionIs404AndBadInputIs400() {
        assertEquals(404, Http.get(zep.url() + "/api/v1/sessions/nope").status());
        assertEquals(400, Http.post(zep.url() + "/api/v1/sessions", "{oops").status());
        assertEquals(400, Http.post(zep.url() + "/api/v1/sessions/s1/memory", "{\"messages\":[{\"content\":\"x\"}]}").status());
        assertEquals(400, Http.get(zep.url() + "/api/v1/sessions/s1/messages?limit=ten").status());
    }

    @Test
    void anOutageFaultAnswers503UntilCleared() {
        zep.faults().arm(dev.engram.simulator.support.FaultSwitch.named("zep-down"));
        assertEquals(503, Http.get(zep.url() + "/api/v1/sessions/s1").status());
        zep.faults().clear();
        assertEquals(404, Http.get(zep.url() + "/api/v1/sessions/s1").status());
    }
}
