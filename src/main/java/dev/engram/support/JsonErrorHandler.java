package dev.engram.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors, the ones raised before a request reaches a route (431 headers too large, 414 URI too long,
 * 400 malformed HTTP, 413), as the same JSON every route answers: {@code {"error", "detail"}} naming what was wrong.
 * Never an HTML page, never a stack trace.
 */
public final class JsonErrorHandler extends ErrorHandler {
    private static final Map<Integer, String[]> KNOWN = Map.of(
            400, new String[] {"bad_request", "the request is not valid HTTP/1.1"},
            413, new String[] {"payload_too_large", "the request body is too large"},
            414, new String[] {"uri_too_long", "the request URI is too long"},
            431, new String[] {"request_header_fields_too_large", "the request's headers are too large"});

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback)
            throws IOException {
        String[] known = KNOWN.getOrDefault(code, new String[] {"http_" + code, message == null ? "HTTP " + code : message});
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", known[0]);
        body.put("detail", known[1]);
        body.put("status", code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(Json.write(body).getBytes(StandardCharsets.UTF_8)), callback);
    }
}
