package dev.engram.identity;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.UsernamePasswordCredentialBuilder;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.time.Duration;

/**
 * Tokens from Entra ID through the official azure-identity credentials: a service principal's client secret
 * (SOP 4.3) or a test user's password (SOP 5.3). Instance discovery is always off; a local authority's certificate
 * is trusted through a PEM passed here, never JVM-wide.
 */
public final class EntraTokens {
    private EntraTokens() {}

    public static TokenCredential servicePrincipal(String authorityHost, String tenant, String clientId, String secret, File trustedPem) {
        ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder().authorityHost(authorityHost).tenantId(tenant)
                .clientId(clientId).clientSecret(secret).disableInstanceDiscovery();
        if (trustedPem != null) {
            builder.httpClient(trusting(trustedPem));
        }
        return builder.build();
    }

    public static TokenCredential user(String authorityHost, String tenant, String clientId, String username, String password, File trustedPem) {
        UsernamePasswordCredentialBuilder builder = new UsernamePasswordCredentialBuilder().authorityHost(authorityHost).tenantId(tenant)
                .clientId(clientId).username(username).password(password).disableInstanceDiscovery();
        if (trustedPem != null) {
            builder.httpClient(trusting(trustedPem));
        }
        return builder.build();
    }

    /**
     * The device code flow (MFA-capable): {@code signIn} gets the code and where to enter it, and completes the sign-in
     * as the user would in a browser, before the credential's polling finds the token.
     */
    public static TokenCredential deviceCode(String authorityHost, String tenant, String clientId, File trustedPem,
                                             java.util.function.Consumer<com.azure.identity.DeviceCodeInfo> signIn) {
        com.azure.identity.DeviceCodeCredentialBuilder builder = new com.azure.identity.DeviceCodeCredentialBuilder().authorityHost(authorityHost)
                .tenantId(tenant).clientId(clientId).challengeConsumer(signIn).disableInstanceDiscovery();
        if (trustedPem != null) {
            builder.httpClient(trusting(trustedPem));
        }
        return builder.build();
    }

    public static String token(TokenCredential credential, String scope) {
        AccessToken token = credential.getTokenSync(new TokenRequestContext().addScopes(scope));
        if (token == null) {
            throw new IllegalStateException("no token for " + scope);
        }
        return token.getToken();
    }

    private static HttpClient trusting(File pem) {
        return new NettyAsyncHttpClientBuilder(reactor.netty.http.client.HttpClient.create()
                .secure(spec -> {
                    try {
                        spec.sslContext(SslContextBuilder.forClient().trustManager(pem).build());
                    } catch (javax.net.ssl.SSLException e) {
                        throw new IllegalStateException("cannot trust " + pem + ": " + e.getMessage(), e);
                    }
                })).responseTimeout(Duration.ofSeconds(10)).build();
    }
}
