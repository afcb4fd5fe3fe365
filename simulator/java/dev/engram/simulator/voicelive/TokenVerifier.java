package dev.engram.simulator.voicelive;

/**
 * Decides whether a bearer token presented at the VoiceLive handshake is acceptable. The Entra ID fake plugs its
 * JWKS in here; the default refuses every token, as a service with no identity configured would.
 */
public interface TokenVerifier {
    /**
     * Throws {@link HandshakeRefused} with Azure's status and reason when the token is not acceptable;
     * {@code audiences} are those the requested api-version accepts.
     */
    void verify(String bearerToken, java.util.Set<String> audiences);

    TokenVerifier REFUSE_ALL = (token, audiences) -> {
        throw new HandshakeRefused(401, "PermissionDenied",
                "Bearer tokens are not accepted by this simulator: no token verifier is configured");
    };
}
