package dev.engram.simulator.voicelive;

import io.javalin.http.Context;

/**
 * Checks a VoiceLive upgrade request as Azure does before switching protocols: {@code api-version}, {@code model},
 * then the credential ({@code api-key} header or query parameter, or {@code Authorization: Bearer}).
 */
final class Handshake {
    private final ServiceProfile profile;
    private final String apiKey;
    private final TokenVerifier tokens;

    Handshake(ServiceProfile profile, String apiKey, TokenVerifier tokens) {
        this.profile = profile;
        this.apiKey = apiKey;
        this.tokens = tokens;
    }

    void check(Context ctx) {
        String version = ctx.queryParam("api-version");
        if (version == null || version.isBlank()) {
            throw new HandshakeRefused(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
        }
        if (!Dialect.versions().contains(version)) {
            throw new HandshakeRefused(400, "UnsupportedApiVersion", "Unsupported api-version '" + version
                    + "'. The supported api-versions are " + String.join(", ", Dialect.versions()) + ".");
        }
        String model = ctx.queryParam("model");
        if (model == null || model.isBlank()) {
            throw new HandshakeRefused(400, "MissingModel", "The model query parameter (?model=) is required.");
        }
        if (!profile.models().contains(model)) {
            throw new HandshakeRefused(400, "ModelNotSupported", "Model '" + model + "' is not supported by VoiceLive.");
        }
        String key = ctx.header("api-key") != null ? ctx.header("api-key") : ctx.queryParam("api-key");
        String authorization = ctx.header("Authorization");
        if (key != null) {
            if (!key.equals(apiKey)) {
                throw new HandshakeRefused(401, "401", "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.");
            }
            return;
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            tokens.verify(authorization.substring(7).trim(), Dialect.of(version, null).tokenAudiences());
            return;
        }
        throw new HandshakeRefused(401, "401", "Access denied due to missing subscription key or token. Send an api-key header or an Authorization: Bearer token.");
    }
}
