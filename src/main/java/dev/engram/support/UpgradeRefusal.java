package dev.engram.support;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a WebSocket upgrade with a real HTTP status and a JSON body. Javalin drops the body of an error raised
 * before an upgrade, so the answer is written and committed here, then the upgrade is abandoned.
 */
public final class UpgradeRefusal {
    private UpgradeRefusal() {}

    public static HttpResponseException refuse(Context ctx, int status, Object body) {
        try {
            var response = ctx.res();
            response.setStatus(status);
            response.setContentType("application/json");
            response.setHeader("Sec-WebSocket-Protocol", null);
            response.getOutputStream().write(Json.write(body).getBytes(StandardCharsets.UTF_8));
            response.flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HttpResponseException(status, "upgrade refused");
    }
}
