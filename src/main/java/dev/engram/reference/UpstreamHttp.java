package dev.engram.reference;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The reference server's HTTP/1.1 client for its upstreams (the chat gateway and Zep): Apache HttpClient 5 classic
 * with pooled keep-alive connections, the I/O done on the calling thread. The JDK client hands every exchange between
 * its selector thread and an executor; with five upstream calls per chat those hand-offs were a large share of the
 * chat path's cost (BENCHMARKS.md).
 */
final class UpstreamHttp implements AutoCloseable {
    /** An upstream's answer: status, body, and its headers by lower-case name (first value). */
    record Reply(int status, String body, Map<String, String> headers) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    private static final int CONNECTIONS_PER_UPSTREAM = 64;
    private static final int MAX_DECLARED_READ = 1 << 20;

    private final CloseableHttpClient client;

    UpstreamHttp(Duration connectTimeout) {
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(CONNECTIONS_PER_UPSTREAM)
                .setMaxConnTotal(CONNECTIONS_PER_UPSTREAM * 4)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableAutomaticRetries() // the gateway's 429 retry is the caller's, with its own backoff
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /**
     * One exchange. {@code timeout} bounds the wait for a connection from the pool and for each read; a timeout is a
     * {@link java.net.SocketTimeoutException} or a {@code ConnectTimeoutException}, and a refused connection a
     * {@link java.net.ConnectException}.
     */
    Reply send(String method, URI uri, Map<String, String> headers, String jsonBody, Duration timeout) throws IOException {
        HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
        headers.forEach(request::addHeader);
        if (jsonBody != null) {
            request.setEntity(new StringEntity(jsonBody, ContentType.APPLICATION_JSON));
        }
        request.setConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(Timeout.of(timeout))
                .setResponseTimeout(Timeout.of(timeout))
                .build());
        return client.execute(request, response -> {
            Map<String, String> byName = new java.util.HashMap<>();
            for (Header header : response.getHeaders()) {
                byName.putIfAbsent(header.getName().toLowerCase(java.util.Locale.ROOT), header.getValue());
            }
            return new Reply(response.getCode(), body(response.getEntity()), byName);
        });
    }

    /**
     * The body as UTF-8 (JSON's encoding), read into an array of its declared length: a reader would allocate an 8 KB
     * decoding buffer for every answer of a few hundred bytes.
     */
    private static String body(HttpEntity entity) throws IOException {
        if (entity == null) {
            return "";
        }
        try (InputStream in = entity.getContent()) {
            long length = entity.getContentLength();
            byte[] bytes = length >= 0 && length <= MAX_DECLARED_READ ? in.readNBytes((int) length) : in.readAllBytes();
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Closes the pooled connections; an exchange still under way fails. */
    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
    }
}
