package dev.engram.harness.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The plain HTTP client (HTTP/1.1, no redirects followed) for checks that need the raw status, headers and body. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {}

    public static ApiResponse get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    public static ApiResponse post(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public static ApiResponse send(HttpRequest.Builder request) {
        try {
            HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
            long started = System.nanoTime();
            HttpResponse<String> r = CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            r.headers().map().forEach((name, values) -> headers.put(name, String.join(", ", values)));
            return ApiResponse.of(built.method() + " " + built.uri(), r.statusCode(), headers, r.body(), (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }
}
