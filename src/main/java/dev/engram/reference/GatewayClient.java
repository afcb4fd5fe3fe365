package dev.engram.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.support.Json;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Calls the OpenAI-compatible chat gateway the way upstream Engram does, and turns every way it can fail into an
 * {@link ApiError} with a 5xx (or 429) status. A 429 is retried, honouring {@code Retry-After}, while the overall
 * gateway timeout allows.
 */
public final class GatewayClient {
    /** What the model said, and what it cost. */
    public record Completion(String content, int totalTokens) {}

    static final int MAX_ATTEMPTS = 3;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final EngramSettings settings;
    private final UpstreamHttp http;
    private final Map<String, String> headers;

    GatewayClient(EngramSettings settings, UpstreamHttp http) {
        this.settings = settings;
        this.http = http;
        this.headers = headers(settings);
    }

    public Completion complete(String systemPrompt, String userMessage) {
        URI endpoint = settings.aiEndpoint().orElseThrow(() -> new ApiError(503, "gateway_not_configured",
                "The chat gateway is not configured: set AZURE_AI_ENDPOINT", null));
        Instant deadline = Instant.now().plus(settings.gatewayTimeout());
        URI uri = uri(endpoint);
        String body = body(systemPrompt, userMessage);
        for (int attempt = 1; ; attempt++) {
            UpstreamHttp.Reply response = send(uri, body, endpoint, deadline);
            if (response.status() == 429) {
                Duration wait = backoff(response, attempt);
                if (attempt >= MAX_ATTEMPTS || Instant.now().plus(wait).isAfter(deadline)) {
                    throw new ApiError(429, "gateway_rate_limited",
                            "The chat gateway is rate limiting requests (HTTP 429) after " + attempt
                                    + " attempts; back off and check the deployment's quota", null)
                            .withHeader("Retry-After", String.valueOf(Math.max(1, wait.toSeconds())));
                }
                pause(wait);
                continue;
            }
            return read(response);
        }
    }

    private URI uri(URI endpoint) {
        String base = endpoint.toString().replaceAll("/+$", "");
        return base.contains("/openai/v1")
                ? URI.create(base + "/chat/completions")
                : URI.create(base + "/openai/deployments/" + settings.aiDeployment() + "/chat/completions?api-version=2024-10-21");
    }

    private static Map<String, String> headers(EngramSettings settings) {
        Map<String, String> headers = new LinkedHashMap<>();
        settings.aiKey().ifPresent(key -> {
            headers.put("api-key", key);
            headers.put("Ocp-Apim-Subscription-Key", key);
        });
        return Map.copyOf(headers);
    }

    private String body(String systemPrompt, String userMessage) {
        ObjectNode body = Json.object();
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", systemPrompt);
        messages.addObject().put("role", "user").put("content", userMessage);
        body.put("model", settings.aiDeployment());
        return Json.write(body);
    }

    /** One attempt, bounded by what is left of the gateway timeout. */
    private UpstreamHttp.Reply send(URI uri, String body, URI endpoint, Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw timedOut();
        }
        try {
            return http.send("POST", uri, headers, body, left);
        } catch (ConnectException e) {
            throw new ApiError(503, "gateway_unreachable", "The chat gateway at " + endpoint.getHost()
                    + (endpoint.getPort() > 0 ? ":" + endpoint.getPort() : "") + " could not be reached", null);
        } catch (InterruptedIOException e) { // a socket, connect or pool timeout
            throw timedOut();
        } catch (IOException e) {
            throw new ApiError(502, "gateway_error", "The chat gateway connection failed: " + e.getClass().getSimpleName(), null);
        }
    }

    private ApiError timedOut() {
        return new ApiError(504, "gateway_timeout", "The chat gateway did not answer within " + settings.gatewayTimeout().toMillis() + " ms", null);
    }

    private Completion read(UpstreamHttp.Reply response) {
        int status = response.status();
        if (status == 401 || status == 403) {
            throw new ApiError(502, "gateway_auth_failed", "The chat gateway refused the configured credential (HTTP "
                    + status + "); check AZURE_AI_KEY", null);
        }
        if (status == 404) {
            throw new ApiError(502, "gateway_not_found", "The chat gateway has no deployment '" + settings.aiDeployment()
                    + "' at the configured path (HTTP 404); check AZURE_AI_ENDPOINT and AZURE_AI_DEPLOYMENT", null);
        }
        if (status >= 400) {
            throw new ApiError(502, "gateway_error", "The chat gateway answered HTTP " + status, null);
        }
        JsonNode content;
        JsonNode json;
        try {
            json = Json.parse(response.body());
            content = json.path("choices").path(0).path("message").path("content");
        } catch (IOException e) {
            throw new ApiError(502, "gateway_bad_response", "The chat gateway answered with malformed JSON", null);
        }
        if (!content.isTextual() || content.asText().isBlank()) {
            throw new ApiError(502, "gateway_empty_response",
                    "The chat gateway returned an empty completion (SOP 9.2: reduce conversation history)", null);
        }
        return new Completion(content.asText(), json.path("usage").path("total_tokens").asInt(0));
    }

    private static Duration backoff(UpstreamHttp.Reply response, int attempt) {
        Optional<Duration> hinted = header(response, "retry-after-ms").map(Duration::ofMillis)
                .or(() -> header(response, "Retry-After").map(Duration::ofSeconds));
        Duration wait = hinted.orElse(Duration.ofMillis(500L << (attempt - 1)));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private static Optional<Long> header(UpstreamHttp.Reply response, String name) {
        try {
            return response.header(name).map(String::trim).map(Long::parseLong).filter(v -> v >= 0);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "gateway_interrupted", "The chat request was interrupted during backoff", null);
        }
    }
}
