package dev.engram.reference;

import io.javalin.http.Context;

/**
 * The seam for the SOP's auth models (section 7's "Auth" row). Implementations throw an {@link ApiError} with 401
 * when the caller cannot be identified.
 */
public interface Authenticator {
    Principal authenticate(Context ctx);

    /** {@code AUTH_REQUIRED=false}: no auth header required (SOP 1.1 POC mode). */
    Authenticator NONE = ctx -> Principal.ANONYMOUS;

    static Authenticator forSettings(EngramSettings settings) {
        return settings.authRequired() ? new BearerAuthenticator(settings.environment(), settings.entra()) : NONE;
    }
}
