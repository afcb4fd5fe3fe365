package dev.engram.simulator.voicelive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.support.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client side of an MCP server over Streamable HTTP, as the service uses it for a session's {@code mcp} tools:
 * {@code initialize} (keeping {@code Mcp-Session-Id}), {@code notifications/initialized}, {@code tools/list} and
 * {@code tools/call}. Answers may be JSON or a server-sent event stream; the JSON-RPC result is taken from either.
 */
final class McpClient {
    /** An MCP server's failure: a transport error, an HTTP status or a JSON-RPC error. */
    static final class McpFailure extends Exception {
        McpFailure(String message) {
            super(message);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI url;
    private final Map<String, String> headers;
    private final AtomicInteger ids = new AtomicInteger();
    private volatile String session;

    McpClient(URI url, Map<String, String> headers) {
        this.url = url;
        this.headers = headers;
    }

    JsonNode listTools() throws McpFailure {
        initialise();
        return call("tools/list", Json.object()).path("tools");
    }

    /** The tool's text output, or a failure when the server reports {@code isError}. */
    String callTool(String name, String arguments) throws McpFailure {
        initialise();
        ObjectNode params = Json.object().put("name", name);
        try {
            params.set("arguments", Json.parse(arguments.isBlank() ? "{}" : arguments));
        } catch (Exception e) {
            throw new McpFailure("the arguments are not JSON: " + e.getMessage());
        }
        JsonNode result = call("tools/call", params);
        StringBuilder text = new StringBuilder();
        result.path("content").forEach(part -> text.append(part.path("text").asText("")));
        if (result.path("isError").asBoolean(false)) {
            throw new McpFailure("the tool reported an error: " + text);
        }
        return text.toString();
    }

    private void initialise() throws McpFailure {
        if (session != null) {
            return;
        }
        ObjectNode params = Json.object().put("protocolVersion", "2025-06-18");
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "voicelive-simulator").put("version", "1");
        HttpResponse<String> r = post(request("initialize", params));
        session = r.headers().firstValue("Mcp-Session-Id").orElse("");
        result(r);
        post(Json.object().put("jsonrpc", "2.0").put("method", "notifications/initialized"));
    }

    private JsonNode call(String method, ObjectNode params) throws McpFailure {
        return result(post(request(method, params)));
    }

    private ObjectNode request(String method, ObjectNode params) {
        ObjectNode request = Json.object().put("jsonrpc", "2.0").put("id", ids.incrementAndGet()).put("method", method);
        request.set("params", params);
        return request;
    }

    private HttpResponse<String> post(ObjectNode body) throws McpFailure {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2025-06-18")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
        headers.forEach(request::header);
        if (session != null && !session.isEmpty()) {
            request.header("Mcp-Session-Id", session);
        }
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new McpFailure("the MCP server answered HTTP " + r.statusCode());
            }
            return r;
        } catch (java.io.IOException e) {
            throw new McpFailure("the MCP server is unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpFailure("interrupted");
        }
    }

    private static JsonNode result(HttpResponse<String> r) throws McpFailure {
        String body = r.body();
        if (r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            StringBuilder data = new StringBuilder();
            body.lines().filter(line -> line.startsWith("data:")).forEach(line -> data.append(line.substring(5).trim()));
            body = data.toString();
        }
        JsonNode message;
        try {
            message = Json.parse(body);
        } catch (Exception e) {
            throw new McpFailure("the MCP server's answer is not JSON-RPC");
        }
        if (message.has("error")) {
            throw new McpFailure("the MCP server answered an error: " + message.path("error").path("message").asText());
        }
        return message.path("result");
    }
}
