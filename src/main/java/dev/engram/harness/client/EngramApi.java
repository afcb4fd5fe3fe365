package dev.engram.harness.client;

import dev.engram.harness.config.Target;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The Engram REST API as the SOP's endpoint table (10.1) lists it, over REST Assured. Every call returns an
 * {@link ApiResponse}; a target that does not answer raises {@link TargetUnreachable} naming the URL.
 */
public final class EngramApi {
    private static final RestAssuredConfig CONFIG = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.connection.timeout", 5_000)
            .setParam("http.socket.timeout", 60_000));

    private final Target target;

    public EngramApi(Target target) {
        this.target = target;
    }

    public ApiResponse postJson(String path, String body) {
        return call("POST", path, spec -> spec.contentType("application/json").body(body).post(path), true);
    }

    public ApiResponse postJsonAnonymously(String path, String body) {
        return call("POST", path, spec -> spec.contentType("application/json").body(body).post(path), false);
    }

    public ApiResponse postJsonWithToken(String path, String body, String token) {
        return call("POST", path, spec -> spec.header(new Header("Authorization", "Bearer " + token))
                .contentType("application/json").body(body).post(path), false);
    }

    /** A CORS preflight as a browser on {@code origin} sends it. */
    public ApiResponse preflight(String path, String origin) {
        return call("OPTIONS", path, spec -> spec.header(new Header("Origin", origin))
                .header(new Header("Access-Control-Request-Method", "POST"))
                .header(new Header("Access-Control-Request-Headers", "authorization,content-type")).options(path), false);
    }

    public ApiResponse request(String method, String path) {
        return call(method, path, spec -> spec.request(method, path), true);
    }

    public ApiResponse requestAnonymously(String method, String path) {
        return call(method, path, spec -> spec.request(method, path), false);
    }

    /** The agent ids the backend lists ({@code GET /api/v1/agents}); empty when it lists none it can read. */
    public java.util.List<String> agentIds() {
        return request("GET", "/api/v1/agents").agentIds().stream().filter(id -> !id.isBlank()).toList();
    }

    private ApiResponse call(String method, String path, Function<RequestSpecification, Response> send, boolean withCredentials) {
        RequestSpecification spec = RestAssured.given().config(CONFIG).baseUri(target.api()).urlEncodingEnabled(false);
        if (withCredentials) {
            target.bearerToken().ifPresent(token -> spec.header(new Header("Authorization", "Bearer " + token)));
        }
        long started = System.nanoTime();
        Response response;
        try {
            response = send.apply(spec);
        } catch (Exception e) {
            throw new TargetUnreachable(target.api() + path, e);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        Map<String, String> headers = new LinkedHashMap<>();
        response.getHeaders().forEach(h -> headers.putIfAbsent(h.getName(), h.getValue()));
        return ApiResponse.of(method + " " + path, response.statusCode(), headers, response.asString(), millis);
    }
}
