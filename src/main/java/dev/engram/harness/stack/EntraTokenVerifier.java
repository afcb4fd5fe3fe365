package dev.engram.harness.stack;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.engram.simulator.entra.EntraIdSimulator;
import dev.engram.simulator.voicelive.HandshakeRefused;
import dev.engram.simulator.voicelive.TokenVerifier;
import java.util.Set;

/**
 * VoiceLive's bearer-token check against the Entra ID fake, wired by the stack because the simulators never import each
 * other: signature by the tenant's keys, issuer, expiry, and an audience the api-version accepts
 * ({@code https://cognitiveservices.azure.com} for the Java SDK, {@code https://ai.azure.com} for Python, from 2025-10-01
 * on); then Azure RBAC: the principal needs "Cognitive Services Speech User", or the handshake gets 401.
 */
public final class EntraTokenVerifier implements TokenVerifier {
    public static final String SPEECH_USER = "Cognitive Services Speech User";

    private final EntraIdSimulator entra;

    public EntraTokenVerifier(EntraIdSimulator entra) {
        this.entra = entra;
    }

    @Override
    public void verify(String bearerToken, Set<String> audiences) {
        JWTClaimsSet claims;
        try {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(entra.jwks())));
            processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audiences,
                    new JWTClaimsSet.Builder().issuer(entra.issuer()).build(), Set.of("exp"), null));
            claims = processor.process(bearerToken, null);
        } catch (Exception e) {
            throw new HandshakeRefused(401, "401", "Access denied due to invalid token: " + e.getClass().getSimpleName());
        }
        String principal = String.valueOf(claims.getClaim("appid") != null ? claims.getClaim("appid") : claims.getClaim("oid"));
        if (!entra.directory().hasRbacRole(principal, SPEECH_USER)) {
            throw new HandshakeRefused(401, "PermissionDenied", "The principal '" + principal
                    + "' lacks the required data action Microsoft.CognitiveServices/accounts/AIServices/speech/... to perform this operation."
                    + " Assign '" + SPEECH_USER + "' at the AI Services resource scope.");
        }
    }
}
