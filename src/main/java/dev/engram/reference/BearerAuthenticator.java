package dev.engram.reference;

import io.javalin.http.Context;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code AUTH_REQUIRED=true}: a bearer token is required (SOP 9.2 "401 Missing token"). Development accepts the
 * SOP 3.3 dev tokens {@code dev_<user>_<role>}. Entra JWT validation is not wired yet, so any other token is refused.
 */
final class BearerAuthenticator implements Authenticator {
    private static final Pattern DEV_TOKEN = Pattern.compile("dev_([A-Za-z0-9-]+)_([A-Za-z]+)");

    private final String environment;

    BearerAuthenticator(String environment) {
        this.environment = environment;
    }

    @Override
    public Principal authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw new ApiError(401, "unauthorized", "Missing token", "Authorization").withHeader("WWW-Authenticate", "Bearer");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiError(401, "unauthorized", "Authorization must use the Bearer scheme", "Authorization")
                    .withHeader("WWW-Authenticate", "Bearer");
        }
        String token = header.substring(7).trim();
        Matcher dev = DEV_TOKEN.matcher(token);
        if (dev.matches()) {
            if (!environment.equals("development")) {
                throw new ApiError(401, "unauthorized", "Dev tokens are accepted only when ENVIRONMENT=development", "Authorization")
                        .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            }
            return new Principal(dev.group(1), dev.group(2));
        }
        throw new ApiError(401, "unauthorized", "Invalid token", "Authorization")
                .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }
}
