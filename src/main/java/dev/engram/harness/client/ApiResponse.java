package dev.engram.harness.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.engram.support.Json;
import java.util.Map;

/** One HTTP exchange as the steps see it: what was asked, the status, headers, body and parsed JSON (if any). */
public record ApiResponse(String request, int status, Map<String, String> headers, String body, long millis, JsonNode json) {
    private static final int EXCERPT = 400;

    /** The body is parsed once, here; a body that is not JSON gives a missing node. */
    public static ApiResponse of(String request, int status, Map<String, String> headers, String body, long millis) {
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? MissingNode.getInstance() : Json.parse(body);
        } catch (Exception e) {
            json = MissingNode.getInstance();
        }
        return new ApiResponse(request, status, headers, body, millis, json);
    }

    /** The agent ids of a {@code GET /api/v1/agents} answer: an array, or an object with {@code agents}; each {@code id} or {@code agent_id}. */
    public java.util.List<String> agentIds() {
        JsonNode list = json().isArray() ? json() : json().path("agents");
        java.util.List<String> ids = new java.util.ArrayList<>();
        list.forEach(agent -> ids.add(agent.has("agent_id") ? agent.path("agent_id").asText() : agent.path("id").asText()));
        return ids;
    }

    /** This answer read as a chat reply. */
    public ChatReply chatReply() {
        return ChatReply.of(json());
    }

    public boolean isJson() {
        return !json().isMissingNode();
    }

    public boolean hasHeader(String name) {
        return header(name) != null;
    }

    /** The header's value, or "" when the answer has none. */
    public String headerOrEmpty(String name) {
        String value = header(name);
        return value == null ? "" : value;
    }

    public String header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** "request -> status body…", short enough for a finding or a report line. */
    public String summary() {
        String text = body == null ? "" : body.replaceAll("\\s+", " ");
        return request + " -> " + status + " " + (text.length() > EXCERPT ? text.substring(0, EXCERPT) + "…" : text);
    }
}
