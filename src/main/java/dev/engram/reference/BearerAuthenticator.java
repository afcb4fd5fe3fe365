package dev.engram.reference;

import com.nimbusds.jwt.JWTClaimsSet;
import io.javalin.http.Context;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code AUTH_REQUIRED=true}: a bearer token is required (SOP 9.2 "401 Missing token"). Development accepts the
 * SOP 3.3 dev tokens {@code dev_<user>_<role>}; everywhere else only Entra ID JWTs validate, and production also
 * requires MFA ({@code amr} contains {@code mfa}, SOP 6.3). A socket may pass the token as {@code access_token}.
 */
final class BearerAuthenticator implements Authenticator {
    private static final Pattern DEV_TOKEN = Pattern.compile("dev_([A-Za-z0-9-]+)_([A-Za-z]+)");

    private final String environment;
    private final Optional<EntraTokenValidator> entra;

    BearerAuthenticator(String environment, Optional<EntraSettings> entra) {
        this.environment = environment;
        this.entra = entra.map(EntraTokenValidator::new);
    }

    @Override
    public Principal authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        String token;
        if (header != null && !header.isBlank()) {
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw refused("Authorization must use the Bearer scheme");
            }
            token = header.substring(7).trim();
        } else if (ctx.queryParam("access_token") != null) {
            token = ctx.queryParam("access_token");
        } else {
            throw new ApiError(401, "unauthorized", "Missing token", "Authorization").withHeader("WWW-Authenticate", "Bearer");
        }
        Matcher dev = DEV_TOKEN.matcher(token);
        if (dev.matches()) {
            if (!environment.equals("development")) {
                throw refused("Dev tokens are accepted only when ENVIRONMENT=development");
            }
            return new Principal(dev.group(1), List.of(dev.group(2).toLowerCase()), false);
        }
        if (entra.isEmpty()) {
            throw refused("Invalid token: Entra ID validation is not configured (set AZURE_AD_TENANT_ID and AZURE_AD_AUDIENCE)");
        }
        JWTClaimsSet claims = entra.get().validate(token);
        try {
            List<String> roles = Optional.ofNullable(claims.getStringListClaim("roles")).orElse(List.of());
            List<String> amr = Optional.ofNullable(claims.getStringListClaim("amr")).orElse(List.of());
            Principal principal = new Principal(claims.getStringClaim("oid"), roles, amr.contains("mfa"));
            if (environment.equals("production") && !principal.mfa() && claims.getClaim("idtyp") == null) {
                throw refused("MFA required: production accepts only sign-ins with multi-factor authentication (SOP 6.3)");
            }
            return principal;
        } catch (ParseException e) {
            throw refused("Invalid token: malformed roles or amr claim");
        }
    }

    private static ApiError refused(String detail) {
        return new ApiError(401, "unauthorized", detail, "Authorization").withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }
}
