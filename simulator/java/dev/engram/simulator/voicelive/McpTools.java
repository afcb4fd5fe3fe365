package dev.engram.simulator.voicelive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.support.Json;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A session's {@code mcp} tools: when the session declares one, the service lists the server's tools
 * ({@code mcp_list_tools.in_progress}, then {@code .completed} or {@code .failed}, with an {@code mcp_list_tools}
 * item), keeps those the tool allows, and calls them over MCP when the model picks one. A server whose
 * {@code require_approval} is not {@code never} first gets an {@code mcp_approval_request} the client must answer.
 */
final class McpTools {
    /** One declared MCP server. */
    record Server(String label, McpClient client, boolean needsApproval) {}

    private final Map<String, Server> byTool = new ConcurrentHashMap<>();
    private final Map<String, ToolCalls.Call> awaitingApproval = new ConcurrentHashMap<>();

    /** Lists the tools of every {@code mcp} entry in the session's tools, announcing each listing as the service does. */
    void configure(JsonNode tools, RealtimeSession session, Outbox outbox) {
        byTool.clear();
        for (JsonNode tool : tools) {
            if ("mcp".equals(tool.path("type").asText())) {
                list(tool, session, outbox);
            }
        }
    }

    private void list(JsonNode tool, RealtimeSession session, Outbox outbox) {
        String label = tool.path("server_label").asText("mcp");
        String itemId = session.id("mcp_list_tools");
        ObjectNode item = Json.object().put("id", itemId).put("type", "mcp_list_tools").put("server_label", label);
        item.putArray("tools");
        ObjectNode created = session.event("conversation.item.created");
        created.set("item", item.deepCopy());
        outbox.send(created);
        outbox.send(session.event("mcp_list_tools.in_progress").put("item_id", itemId));
        Map<String, String> headers = new LinkedHashMap<>();
        tool.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        if (tool.path("authorization").isTextual()) {
            headers.put("Authorization", "Bearer " + tool.path("authorization").asText());
        }
        try {
            McpClient client = new McpClient(URI.create(tool.path("server_url").asText()), headers);
            Server server = new Server(label, client, !"never".equals(tool.path("require_approval").asText("always")));
            ArrayNode listed = (ArrayNode) item.path("tools");
            for (JsonNode offered : client.listTools()) {
                String name = offered.path("name").asText();
                if (allowed(tool.path("allowed_tools"), name)) {
                    byTool.put(name, server);
                    listed.addObject().put("name", name).put("description", offered.path("description").asText(""))
                            .set("input_schema", offered.path("inputSchema"));
                }
            }
            outbox.send(session.event("mcp_list_tools.completed").put("item_id", itemId));
            ObjectNode done = session.event("conversation.item.done");
            done.set("item", item);
            outbox.send(done);
        } catch (McpClient.McpFailure | IllegalArgumentException e) {
            outbox.send(session.event("mcp_list_tools.failed").put("item_id", itemId));
            session.error("server_error", "mcp_list_tools_failed", "Listing the tools of MCP server '" + label + "' failed: " + e.getMessage(), "tools");
        }
    }

    private static boolean allowed(JsonNode allowedTools, String name) {
        if (!allowedTools.isArray()) {
            return true;
        }
        for (JsonNode allowed : allowedTools) {
            if (allowed.asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    boolean offers(String tool) {
        return byTool.containsKey(tool);
    }

    Optional<Server> server(String tool) {
        return Optional.ofNullable(byTool.get(tool));
    }

    void awaitApproval(String approvalRequestId, ToolCalls.Call call) {
        awaitingApproval.put(approvalRequestId, call);
    }

    /** The call an {@code mcp_approval_response} approves, now allowed to run; empty when refused or unknown. */
    Optional<ToolCalls.Call> approve(String approvalRequestId, boolean approve) {
        ToolCalls.Call call = awaitingApproval.remove(approvalRequestId);
        return call == null || !approve ? Optional.empty() : Optional.of(call.approve());
    }

    boolean knowsApproval(String approvalRequestId) {
        return awaitingApproval.containsKey(approvalRequestId);
    }
}
