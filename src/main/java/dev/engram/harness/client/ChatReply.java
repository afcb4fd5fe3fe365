package dev.engram.harness.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code POST /api/v1/chat} answer (SOP 10.1): the reply, the agent that gave it and the session it belongs to.
 * Absent fields read as empty strings; {@code detail} is an error answer's explanation (FastAPI's string, or its
 * validation list as JSON).
 */
public record ChatReply(String content, String agentId, String agentName, String sessionId, String detail) {

    public static ChatReply of(JsonNode json) {
        JsonNode detail = json.path("detail");
        return new ChatReply(text(json, "content"), text(json, "agent_id"), text(json, "agent_name"), text(json, "session_id"),
                detail.isMissingNode() || detail.isNull() ? "" : detail.isTextual() ? detail.asText() : detail.toString());
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.path(field);
        return value.isTextual() ? value.asText() : "";
    }

    public boolean hasSession() {
        return !sessionId.isEmpty();
    }

    public boolean isError() {
        return !detail.isEmpty();
    }
}
