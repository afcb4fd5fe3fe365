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
            case "mfa-user" -> Optional.of(mfaUserToken(identity.name()));
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

    /**
     * A user whom Entra holds to MFA signs in with the device code flow: the harness enters the code and the password
     * at the fake's device login page, as the user would in a browser, and the MFA step counts as passed there.
     */
    public String mfaUserToken(String username) {
        return EntraTokens.token(EntraTokens.deviceCode(authorityHost, tenant, clientIds.get(USER_CLIENT), new File(caPem),
                code -> signInAtDeviceLogin(code, username)), API_AUDIENCE + "/.default");
    }

    private void signInAtDeviceLogin(com.azure.identity.DeviceCodeInfo code, String username) {
        String form = "user_code=" + enc(code.getUserCode()) + "&username=" + enc(username)
                + "&password=" + enc(secrets.get(username.toLowerCase(java.util.Locale.ROOT)));
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newBuilder().sslContext(trusting(new File(caPem))).build()
                    .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(code.getVerificationUrl()))
                            .header("Content-Type", "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("the device sign-in for " + username + " was refused: HTTP " + r.statusCode() + " " + r.body());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the device login page cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted signing in " + username, e);
        }
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Trusts the fake's certificate (PEM) only. */
    private static javax.net.ssl.SSLContext trusting(File pem) {
        try {
            return dev.engram.support.PemTrust.context(pem.toPath());
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust the Entra fake's certificate " + pem + ": " + e.getMessage(), e);
        }
    }

    /** A dev token needs no Entra ID; every other identity does. */
    public static Optional<String> withoutEntra(HarnessIdentity identity) {
        return identity.kind().equals("dev-token") ? Optional.of(identity.name()) : Optional.empty();
    }
}
