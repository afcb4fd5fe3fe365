package dev.engram.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.support.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
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
    private final HttpClient http;

    public GatewayClient(EngramSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public Completion complete(String systemPrompt, String userMessage) {
        URI endpoint = settings.aiEndpoint().orElseThrow(() -> new ApiError(503, "gateway_not_configured",
                "The chat gateway is not configured: set AZURE_AI_ENDPOINT", null));
        Instant deadline = Instant.now().plus(settings.gatewayTimeout());
        HttpRequest request = request(endpoint, body(systemPrompt, userMessage));
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = send(request, endpoint, deadline);
            if (response.statusCode() == 429) {
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

    private HttpRequest request(URI endpoint, String body) {
        String base = endpoint.toString().replaceAll("/+$", "");
        URI uri = base.contains("/openai/v1")
                ? URI.create(base + "/chat/completions")
                : URI.create(base + "/openai/deployments/" + settings.aiDeployment() + "/chat/completions?api-version=2024-10-21");
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(settings.gatewayTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        settings.aiKey().ifPresent(key -> builder.header("api-key", key).header("Ocp-Apim-Subscription-Key", key));
        return builder.build();
    }

    private String body(String systemPrompt, String userMessage) {
        ObjectNode body = Json.object();
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", systemPrompt);
        messages.addObject().put("role", "user").put("content", userMessage);
        body.put("model", settings.aiDeployment());
        return Json.write(body);
    }

    private HttpResponse<String> send(HttpRequest request, URI endpoint, Instant deadline) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ApiError(504, "gateway_timeout", "The chat gateway did not answer within "
                    + settings.gatewayTimeout().toMillis() + " ms", null);
        } catch (ConnectException e) {
            throw new ApiError(503, "gateway_unreachable", "The chat gateway at " + endpoint.getHost()
                    + (endpoint.getPort() > 0 ? ":" + endpoint.getPort() : "") + " could not be reached", null);
        } catch (IOException e) {
            throw new ApiError(502, "gateway_error", "The chat gateway connection failed: " + e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "gateway_interrupted", "The chat request was interrupted", null);
        }
    }

    private Completion read(HttpResponse<String> response) {
        int status = response.statusCode();
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

    private static Duration backoff(HttpResponse<String> response, int attempt) {
        Optional<Duration> hinted = header(response, "retry-after-ms").map(Duration::ofMillis)
                .or(() -> header(response, "Retry-After").map(Duration::ofSeconds));
        Duration wait = hinted.orElse(Duration.ofMillis(500L << (attempt - 1)));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private static Optional<Long> header(HttpResponse<String> response, String name) {
        try {
            return response.headers().firstValue(name).map(String::trim).map(Long::parseLong).filter(v -> v >= 0);
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
