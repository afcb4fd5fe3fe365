package dev.engram.reference;

import io.javalin.http.Context;
import java.util.List;

/**
 * CORS per {@code CORS_ORIGINS}: an exact origin in the list (or {@code "*"}) is allowed; any other origin gets
 * no {@code Access-Control-Allow-Origin}, and its preflight is refused with 403.
 */
final class Cors {
    private static final String METHODS = "GET, POST, OPTIONS";
    private static final String HEADERS = "Authorization, Content-Type";

    private final List<String> origins;

    Cors(List<String> origins) {
        this.origins = origins;
    }

    boolean allows(String origin) {
        return origin != null && (origins.contains("*") || origins.contains(origin));
    }

    /** On every request: mark an allowed origin on the response. */
    void decorate(Context ctx) {
        String origin = ctx.header("Origin");
        ctx.header("Vary", "Origin");
        if (allows(origin)) {
            ctx.header("Access-Control-Allow-Origin", origins.contains("*") ? "*" : origin);
            if (!origins.contains("*")) {
                ctx.header("Access-Control-Allow-Credentials", "true");
            }
        }
    }

    /** {@code OPTIONS} preflight. */
    void preflight(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || ctx.header("Access-Control-Request-Method") == null) {
            ctx.status(204).header("Allow", METHODS);
            return;
        }
        if (!allows(origin)) {
            throw new ApiError(403, "cors_origin_refused", "Origin " + origin + " is not in CORS_ORIGINS", "Origin");
        }
        ctx.status(204)
                .header("Access-Control-Allow-Methods", METHODS)
                .header("Access-Control-Allow-Headers", HEADERS)
                .header("Access-Control-Max-Age", "600");
    }
}
