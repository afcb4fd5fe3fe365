package dev.engram.reference;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.engram.support.Json;
import java.net.URL;
import java.util.Set;
import javax.net.ssl.SSLSocketFactory;

/**
 * Validates Entra ID access tokens: RS256 signature through the tenant's JWKS (found by OIDC discovery, refreshed
 * on an unknown key id), issuer, audience, expiry and not-before (60 s skew). Unsigned tokens, other algorithms
 * (HS256 with the public key), unknown keys and tampered payloads all fail the signature step.
 */
final class EntraTokenValidator {
    private final EntraSettings settings;
    private volatile DefaultJWTProcessor<SecurityContext> processor;

    EntraTokenValidator(EntraSettings settings) {
        this.settings = settings;
    }

    JWTClaimsSet validate(String token) {
        try {
            return processor().process(token, null);
        } catch (ApiError e) {
            throw e;
        } catch (Exception e) {
            throw new ApiError(401, "unauthorized", "Invalid token: " + reason(e), "Authorization")
                    .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
    }

    private DefaultJWTProcessor<SecurityContext> processor() {
        if (processor == null) {
            synchronized (this) {
                if (processor == null) {
                    processor = build();
                }
            }
        }
        return processor;
    }

    private DefaultJWTProcessor<SecurityContext> build() {
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(3000, 3000, 512_000, true, sockets());
        String jwksUri;
        try {
            jwksUri = Json.parse(retriever.retrieveResource(new URL(settings.discovery())).getContent()).path("jwks_uri").asText();
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(new URL(jwksUri), retriever).retrying(true).build();
            DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
            p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
            p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Set.of(settings.audience()),
                    new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of("exp", "iat", "sub", "oid"), null));
            return p;
        } catch (Exception e) {
            throw new ApiError(503, "identity_unavailable", "Tokens cannot be validated: Entra ID metadata at "
                    + settings.authorityHost().getHost() + " is unreachable (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    private SSLSocketFactory sockets() {
        if (settings.caBundle().isEmpty()) {
            return null;
        }
        try {
            return dev.engram.support.PemTrust.context(settings.caBundle().get()).getSocketFactory();
        } catch (Exception e) {
            throw new ConfigurationException("REQUESTS_CA_BUNDLE could not be loaded as PEM certificates: " + e.getMessage());
        }
    }

    private static String reason(Exception e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Expired")) {
            return "expired";
        }
        if (message.contains("before use time") || message.contains("nbf")) {
            return "not yet valid";
        }
        if (message.contains("audience")) {
            return "wrong audience";
        }
        if (message.contains("iss")) {
            return "wrong issuer";
        }
        if (message.contains("Unsecured") || message.contains("plain")) {
            return "unsigned tokens are not accepted";
        }
        if (message.contains("matching key") || message.contains("algorithm")) {
            return "signature not verifiable with the tenant's keys";
        }
        if (message.contains("Invalid signature") || message.contains("signature")) {
            return "bad signature";
        }
        return "malformed";
    }
}
