package dev.engram.harness.stack;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.engram.harness.config.EnvironmentProfile.HarnessIdentity;
import dev.engram.identity.EntraTokens;
import java.io.File;
import java.util.Map;
import java.util.Optional;

/**
 * What the harness needs to sign in at an Entra ID fake, whether it runs in this JVM or in a {@code ./harness serve}:
 * the authority, the tenant, the PEM of its certificate, and each principal's client id and secret (each user's
 * password). Written only into owner-readable files, never printed.
 */
public record EntraAccess(
        @JsonProperty("authority_host") String authorityHost,
        String tenant,
        @JsonProperty("ca_pem") String caPem,
        @JsonProperty("client_ids") Map<String, String> clientIds,
        Map<String, String> secrets) {

    public static final String API_AUDIENCE = "api://engram";
    /** The public client users sign in through. */
    private static final String USER_CLIENT = "engram-test-sp";

    /** A bearer token for the identity an environment's harness signs in as, or none. */
    public Optional<String> token(HarnessIdentity identity) {
        return switch (identity.kind()) {
            case "dev-token" -> Optional.of(identity.name());
            case "service-principal" -> Optional.of(servicePrincipalToken(identity.name()));
            case "user" -> Optional.of(userToken(identity.name()));
            default -> Optional.empty();
        };
    }

    public String servicePrincipalToken(String name) {
        String client = clientIds.get(name);
        return EntraTokens.token(EntraTokens.servicePrincipal(authorityHost, tenant, client, secrets.get(client), new File(caPem)),
                API_AUDIENCE + "/.default");
    }

    public String userToken(String username) {
        return EntraTokens.token(EntraTokens.user(authorityHost, tenant, clientIds.get(USER_CLIENT), username,
                secrets.get(username.toLowerCase(java.util.Locale.ROOT)), new File(caPem)), API_AUDIENCE + "/.default");
    }

    /** A dev token needs no Entra ID; every other identity does. */
    public static Optional<String> withoutEntra(HarnessIdentity identity) {
        return identity.kind().equals("dev-token") ? Optional.of(identity.name()) : Optional.empty();
    }
}
