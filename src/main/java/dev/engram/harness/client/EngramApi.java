package dev.engram.harness.client;

import dev.engram.harness.config.Target;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Engram REST API as the SOP's endpoint table (10.1) lists it, asked as curl would: HTTP/1.1, an {@code Accept}
 * header that takes any type, the path sent as written; a GET or a HEAD follows a redirect, as a browser's fetch does.
 * Every call returns an {@link ApiResponse}; a target that does not answer raises {@link TargetUnreachable} naming the
 * URL.
 */
public final class EngramApi {
    /** GET and HEAD follow a redirect (a backend may send {@code /agents} to {@code /agents/}); other methods see it. */
    private static final HttpClient FOLLOWING = client(HttpClient.Redirect.NORMAL);
    private static final HttpClient NOT_FOLLOWING = client(HttpClient.Redirect.NEVER);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private final Target target;

    public EngramApi(Target target) {
        this.target = target;
    }

    public ApiResponse postJson(String path, String body) {
        return call("POST", path, JSON, body, true);
    }

    public ApiResponse postJsonAnonymously(String path, String body) {
        return call("POST", path, JSON, body, false);
    }

    public ApiResponse postJsonWithToken(String path, String body, String token) {
        return call("POST", path, Map.of("Content-Type", "application/json", "Authorization", "Bearer " + token), body, false);
    }

    /** A CORS preflight as a browser on {@code origin} sends it. */
    public ApiResponse preflight(String path, String origin) {
        return call("OPTIONS", path, Map.of("Origin", origin, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,content-type"), null, false);
    }

    public ApiResponse request(String method, String path) {
        return call(method, path, Map.of(), null, true);
    }

    public ApiResponse requestAnonymously(String method, String path) {
        return call(method, path, Map.of(), null, false);
    }

    /** The agent ids the backend lists ({@code GET /api/v1/agents}); empty when it lists none it can read. */
    public java.util.List<String> agentIds() {
        return request("GET", "/api/v1/agents").agentIds().stream().filter(id -> !id.isBlank()).toList();
    }

    private ApiResponse call(String method, String path, Map<String, String> headers, String body, boolean withCredentials) {
        String url = target.api().replaceAll("/+$", "") + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(ANSWER_TIMEOUT).header("Accept", "*/*")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        if (withCredentials) {
            target.bearerToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        }
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            HttpClient client = method.equals("GET") || method.equals("HEAD") ? FOLLOWING : NOT_FOLLOWING;
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetUnreachable(url, e);
        } catch (IOException e) {
            throw new TargetUnreachable(url, e);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        Map<String, String> answered = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> answered.put(name, values.get(0)));
        return ApiResponse.of(method + " " + path, response.statusCode(), answered, response.body(), millis);
    }

    private static HttpClient client(HttpClient.Redirect redirects) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(redirects).build();
    }
}
