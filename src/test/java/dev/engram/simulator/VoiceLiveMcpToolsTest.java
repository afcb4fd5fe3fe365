package dev.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.simulator.voicelive.VoiceLiveSimulator;
import dev.engram.support.Json;
import dev.engram.support.LoopbackServer;
import dev.engram.testing.RealtimeEvents;
import io.javalin.http.Context;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * MCP tools on the VoiceLive simulator, against a real MCP server over Streamable HTTP on loopback: the listing
 * events, the mcp_call events around a real tools/call, the approval round trip, and the spoken answer.
 */
class VoiceLiveMcpToolsTest {
    private final List<JsonNode> calls = new CopyOnWriteArrayList<>();

    @Test
    void anMcpToolIsListedCalledAndItsOutputSpoken() throws Exception {
        try (LoopbackServer mcp = weatherServer(); VoiceLiveSimulator simulator = VoiceLiveSimulator.start("k")) {
            RealtimeEvents events = new RealtimeEvents();
            WebSocket ws = open(simulator, "2026-01-01-preview", events);
            declare(ws, mcp, "never");
            events.next("mcp_list_tools.in_progress");
            events.next("mcp_list_tools.completed");
            JsonNode listed = events.next("conversation.item.done").path("item");
            assertEquals("get_weather", listed.path("tools").path(0).path("name").asText(), listed.toString());
            ask(ws, "What is the weather in Paris today?");
            JsonNode added = events.next("response.output_item.added");
            assertEquals("mcp_call", added.path("item").path("type").asText(), added.toString());
            JsonNode arguments = events.next("response.mcp_call_arguments.done");
            assertEquals("Paris", Json.parse(arguments.path("arguments").asText()).path("location").asText());
            events.next("response.mcp_call.in_progress");
            events.next("response.mcp_call.completed");
            JsonNode done = events.next("response.output_item.done");
            assertEquals("18 degrees and sunny in Paris", done.path("item").path("output").asText(), done.toString());
            JsonNode spoken = events.next("response.audio_transcript.done");
            assertTrue(spoken.path("transcript").asText().contains("18 degrees and sunny in Paris"), spoken.toString());
            assertTrue(calls.stream().anyMatch(c -> c.path("method").asText().equals("tools/call")
                    && c.path("params").path("arguments").path("location").asText().equals("Paris")), "the MCP server was called: " + calls);
            ws.abort();
        }
    }

    @Test
    void aServerThatRequiresApprovalWaitsForTheClientsApproval() throws Exception {
        try (LoopbackServer mcp = weatherServer(); VoiceLiveSimulator simulator = VoiceLiveSimulator.start("k")) {
            RealtimeEvents events = new RealtimeEvents();
            WebSocket ws = open(simulator, "2026-06-01-preview", events);
            declare(ws, mcp, "always");
            events.next("mcp_list_tools.completed");
            ask(ws, "What is the weather in Oslo today?");
            JsonNode request = events.next("response.output_item.added").path("item");
            assertEquals("mcp_approval_request", request.path("type").asText(), request.toString());
            events.next("response.done");
            assertTrue(calls.stream().noneMatch(c -> c.path("method").asText().equals("tools/call")), "no call before approval");
            ws.sendText("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"mcp_approval_response\",\"approval_request_id\":\""
                    + request.path("id").asText() + "\",\"approve\":true}}", true).join();
            events.next("response.mcp_call.completed");
            JsonNode spoken = events.next("response.audio_transcript.done");
            assertTrue(spoken.path("transcript").asText().contains("in Oslo"), spoken.toString());
            ws.abort();
        }
    }

    @Test
    void aVersionWithoutMcpToolsRefusesThem() throws Exception {
        try (LoopbackServer mcp = weatherServer(); VoiceLiveSimulator simulator = VoiceLiveSimulator.start("k")) {
            RealtimeEvents events = new RealtimeEvents();
            WebSocket ws = open(simulator, "2025-10-01", events);
            declare(ws, mcp, "never");
            JsonNode error = events.next("error");
            assertEquals("feature_not_enabled", error.path("error").path("code").asText(), error.toString());
            ws.abort();
        }
    }

    private static WebSocket open(VoiceLiveSimulator simulator, String version, RealtimeEvents events) throws Exception {
        WebSocket ws = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().newWebSocketBuilder().subprotocols("realtime")
                .header("api-key", "k").buildAsync(URI.create(simulator.endpoint().replace("http", "ws")
                        + "/voice-live/realtime?api-version=" + version + "&model=gpt-realtime"), events.listener()).get(5, TimeUnit.SECONDS);
        events.next("session.created");
        return ws;
    }

    private static void declare(WebSocket ws, LoopbackServer mcp, String approval) {
        ws.sendText("{\"type\":\"session.update\",\"session\":{\"tools\":[{\"type\":\"mcp\",\"server_label\":\"weather\",\"server_url\":\""
                + mcp.url() + "/mcp\",\"require_approval\":\"" + approval + "\"}]}}", true).join();
    }

    private static void ask(WebSocket ws, String question) {
        ws.sendText("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"" + question + "\"}]}}", true).join();
        ws.sendText("{\"type\":\"response.create\",\"response\":{\"modalities\":[\"text\",\"audio\"]}}", true).join();
    }

    /** A small MCP server: JSON answers, except tools/call, which answers as a server-sent event stream. */
    private LoopbackServer weatherServer() {
        return LoopbackServer.start("mcp weather", 0, config -> config.routes.post("/mcp", this::rpc));
    }

    private void rpc(Context ctx) throws Exception {
        JsonNode request = Json.parse(ctx.body());
        calls.add(request);
        String method = request.path("method").asText();
        if (!request.has("id")) {
            ctx.status(202);
            return;
        }
        ObjectNode answer = Json.object().put("jsonrpc", "2.0").set("id", request.path("id"));
        ObjectNode result = answer.putObject("result");
        switch (method) {
            case "initialize" -> {
                result.put("protocolVersion", "2025-06-18").putObject("serverInfo").put("name", "weather").put("version", "1");
                result.putObject("capabilities").putObject("tools");
                ctx.header("Mcp-Session-Id", "mcp-session-1");
            }
            case "tools/list" -> result.putArray("tools").addObject().put("name", "get_weather").put("description", "Weather for a city")
                    .putObject("inputSchema").put("type", "object");
            case "tools/call" -> {
                result.putArray("content").addObject().put("type", "text")
                        .put("text", "18 degrees and sunny in " + request.path("params").path("arguments").path("location").asText());
                ctx.contentType("text/event-stream").result("event: message\ndata: " + Json.write(answer) + "\n\n");
                return;
            }
            default -> answer.remove("result");
        }
        ctx.json(answer);
    }
}
