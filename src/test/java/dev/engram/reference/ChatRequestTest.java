package dev.engram.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatRequestTest {
    private final Agents agents = new Agents(Map.of("elena", "a", "marcus", "b", "sage", "c"));

    @Test
    void aValidBodySelectsTheAgentAndKeepsTheSession() {
        ChatRequest r = ChatRequest.parse("{\"content\":\"Hi\",\"agent_id\":\"marcus\",\"session_id\":\"session-1-abc\",\"extra\":1}", agents);
        assertEquals("marcus", r.agent().id());
        assertEquals("session-1-abc", r.sessionId().orElseThrow());
    }

    @Test
    void theAgentDefaultsToElena() {
        assertEquals("elena", ChatRequest.parse("{\"content\":\"Hi\",\"agent_id\":null}", agents).agent().id());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"agent_id\":\"elena\"}|422|content",
            "{\"content\":\"   \"}|422|content",
            "{\"content\":42}|422|content",
            "{\"content\":[\"a\"]}|422|content",
            "{\"content\":\"Hi\",\"agent_id\":\"nobody\"}|422|agent_id",
            "{\"content\":\"Hi\",\"agent_id\":7}|422|agent_id",
            "{\"content\":\"Hi\",\"session_id\":7}|422|session_id",
            "{\"content\":\"Hi\",\"session_id\":\"a b\"}|422|session_id",
            "[1,2]|422|body",
            "{\"content\": \"Hi\"|400|body",
            "''|400|body"})
    void badBodiesAreRefusedNamingTheField(String body, int status, String field) {
        ApiError e = assertThrows(ApiError.class, () -> ChatRequest.parse(body.equals("''") ? "" : body, agents));
        assertEquals(status, e.status());
        assertEquals(field, e.body().get("field"));
        assertTrue(e.getMessage().contains(field) || field.equals("body"), e.getMessage());
    }

    @Test
    void anUnknownAgentErrorNamesTheKnownAgents() {
        ApiError e = assertThrows(ApiError.class, () -> ChatRequest.parse("{\"content\":\"Hi\",\"agent_id\":\"bob\"}", agents));
        assertTrue(e.getMessage().contains("elena, marcus, sage"), e.getMessage());
    }
}
