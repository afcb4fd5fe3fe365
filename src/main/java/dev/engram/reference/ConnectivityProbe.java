package dev.engram.reference;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The guide's connectivity test ({@code GET /connectivity/test}): per dependency a real probe, through the proxy the
 * proxy variables give for it, with its status in the guide's words ({@code OK}, {@code Error (Connection timeout)},
 * {@code Error (401)}, {@code Error (DNS)}, {@code Error (proxy refused upgrade)} ...), its latency and its endpoint
 * with secrets masked.
 */
final class ConnectivityProbe {
    /** One dependency's result. */
    record Check(String name, String status, @com.fasterxml.jackson.annotation.JsonProperty("latency_ms") long latencyMs,
            String endpoint, String proxy, String issue) {}

    private final EngramSettings settings;
    private final VoiceLiveConnector connector;

    ConnectivityProbe(EngramSettings settings, VoiceLiveConnector connector) {
        this.settings = settings;
        this.connector = connector;
    }

    List<Check> all() {
        List<Check> checks = new ArrayList<>();
        settings.voiceLiveEndpoint().ifPresent(e -> checks.add(voiceLive()));
        settings.aiEndpoint().ifPresent(e -> checks.add(http("Chat gateway (HTTPS)", URI.create(e.toString().replaceAll("/+$", "") + "/models"))));
        settings.zepUrl().ifPresent(e -> checks.add(http("Zep memory (HTTP)", URI.create(e.toString().replaceAll("/+$", "") + "/healthz"))));
        settings.connectivity().speechContainerHost().filter(h -> settings.connectivity().speechContainerMode())
                .ifPresent(host -> checks.add(webSocket("Speech container (WebSocket)", URI.create(host.toString().replaceAll("/+$", "")
                        + "/speech/recognition/conversation/cognitiveservices/v1?language=en-US"), Map.of())));
        return checks;
    }

    /** The Voice Live API's WebSocket, opened and closed as a voice session would open it. */
    Check voiceLive() {
        return webSocket("Voice Live API (WebSocket)", connector.realtimeUri(), connector.handshakeHeaders());
    }

    private Check webSocket(String name, URI uri, Map<String, String> headers) {
        Optional<URI> proxy = settings.connectivity().proxyFor(uri);
        long started = System.nanoTime();
        String status;
        CompletableFuture<WebSocket> opening = null;
        try {
            WebSocket.Builder builder = client(proxy).newWebSocketBuilder().connectTimeout(timeout()).subprotocols("realtime");
            headers.forEach(builder::header);
            opening = builder.buildAsync(uri, new WebSocket.Listener() { });
            WebSocket socket = opening.get(timeout().toMillis(), TimeUnit.MILLISECONDS);
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "connectivity test");
            socket.abort();
            status = "OK";
        } catch (TimeoutException e) {
            status = "Error (Connection timeout)";
        } catch (ExecutionException e) {
            status = classify(e.getCause(), proxy.isPresent());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = "Error (interrupted)";
        } finally {
            if (opening != null) {
                opening.cancel(true);
            }
        }
        return check(name, status, started, uri, proxy);
    }

    private Check http(String name, URI uri) {
        Optional<URI> proxy = settings.connectivity().proxyFor(uri);
        long started = System.nanoTime();
        String status;
        try {
            HttpResponse<Void> r = client(proxy).send(HttpRequest.newBuilder(uri).timeout(timeout()).GET().build(), HttpResponse.BodyHandlers.discarding());
            status = r.statusCode() == 401 || r.statusCode() == 403 ? "Error (" + r.statusCode() + ")"
                    : r.statusCode() >= 500 ? "Error (HTTP " + r.statusCode() + ")" : "OK";
        } catch (IOException e) {
            status = classify(e, proxy.isPresent());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = "Error (interrupted)";
        }
        return check(name, status, started, uri, proxy);
    }

    private Check check(String name, String status, long started, URI uri, Optional<URI> proxy) {
        return new Check(name, status, (System.nanoTime() - started) / 1_000_000, mask(uri), proxy.map(URI::toString).orElse(null),
                status.equals("OK") ? null : ISSUES.getOrDefault(status.replaceAll("\\(HTTP \\d+\\)", "(HTTP)"), "see the guide's Root Cause"));
    }

    private HttpClient client(Optional<URI> proxy) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout());
        proxy.ifPresent(p -> builder.proxy(ProxySelector.of(new InetSocketAddress(p.getHost(), p.getPort() < 0 ? 80 : p.getPort()))));
        return builder.build();
    }

    private Duration timeout() {
        return settings.connectivity().connectTimeout();
    }

    static String classify(Throwable error, boolean proxied) {
        for (Throwable c = error; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
                return "Error (DNS)";
            }
        }
        if (CertificateFailure.in(error).isPresent()) {
            return "Error (TLS)"; // anywhere in the chain: the root cause is the certificate, not the socket that closed
        }
        Throwable e = error;
        while (e.getCause() != null && e.getCause() != e && !(e instanceof WebSocketHandshakeException)) {
            if (e instanceof HttpTimeoutException || e instanceof UnknownHostException || e instanceof ConnectException) {
                break;
            }
            e = e.getCause();
        }
        String message = String.valueOf(e.getMessage());
        if (e instanceof WebSocketHandshakeException handshake) {
            int code = handshake.getResponse().statusCode();
            return proxied && code == 407 ? "Error (proxy authentication required)" : "Error (" + code + ")";
        }
        if (e instanceof HttpConnectTimeoutException || e instanceof HttpTimeoutException) {
            return "Error (Connection timeout)";
        }
        if (e instanceof UnknownHostException || e instanceof UnresolvedAddressException) {
            return "Error (DNS)";
        }
        if (proxied && message.contains("407")) {
            return "Error (proxy authentication required)";
        }
        if (proxied && (message.contains("Tunnel") || message.contains("tunnel") || message.contains("proxy"))) {
            return "Error (proxy refused upgrade)";
        }
        if (e instanceof ConnectException) {
            return proxied ? "Error (proxy unreachable)" : "Error (Connection refused)";
        }
        return "Error (connection closed: " + e.getClass().getSimpleName() + ")";
    }

    /** Query parameters that carry secrets are shown as {@code ***}. */
    static String mask(URI uri) {
        return uri.toString().replaceAll("(?i)([?&](?:api-key|key|subscription-key|token|access_token|sig)=)[^&]*", "$1***");
    }

    /** The guide's Root Cause for each status, so the test result names what to fix. */
    private static final Map<String, String> ISSUES = new LinkedHashMap<>();

    static {
        ISSUES.put("Error (Connection timeout)", "WebSocket connection timing out: network policy blocking WebSockets, or a cold start (guide: Root Cause 1 and 4)");
        ISSUES.put("Error (401)", "authentication failed: subscription key or identity refused in the container (guide: Root Cause 2)");
        ISSUES.put("Error (403)", "authorization failed: the identity lacks the role (guide: Root Cause 2)");
        ISSUES.put("Error (DNS)", "the endpoint's host name does not resolve: verify DNS resolution for *.stt.speech.microsoft.com (guide: Network Configuration 3)");
        ISSUES.put("Error (proxy refused upgrade)", "the proxy refused the WebSocket tunnel: a network policy blocks WebSockets (guide: Root Cause 1 and 3)");
        ISSUES.put("Error (proxy authentication required)", "the proxy demands authentication (guide: Root Cause 3)");
        ISSUES.put("Error (proxy unreachable)", "HTTPS_PROXY/HTTP_PROXY name a proxy that does not answer (guide: Root Cause 3)");
        ISSUES.put("Error (Connection refused)", "nothing listens at the endpoint: check NSG rules and outbound traffic (guide: Network Configuration 3)");
        ISSUES.put("Error (TLS)", "the endpoint's certificate is not trusted (guide: Network Configuration 3)");
        ISSUES.put("Error (HTTP)", "the service answered a server error");
    }
}
