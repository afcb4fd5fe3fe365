package dev.engram.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.engram.harness.client.ApiResponse;
import dev.engram.identity.EntraTokens;
import dev.engram.harness.client.Http;
import dev.engram.simulator.entra.EntraIdSimulator;
import dev.engram.simulator.gateway.GatewaySimulator;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Entra ID validation in the reference server: real tokens pass, every attack token gets 401. */
class EntraAuthenticationTest {
    private static final String AUDIENCE = "api://engram";
    private static final String SP = "5e0b7a4c-1d2f-4e8a-b3c6-7a9d0e1f2a3b";
    private static final EntraIdSimulator ENTRA = EntraIdSimulator.start();
    private static final GatewaySimulator GATEWAY = GatewaySimulator.start("k", "gpt-5-chat");
    private static final EngramServer TEST_ENV = server("test");
    private static final EngramServer PROD_ENV = server("production");

    private static EngramServer server(String environment) {
        return EngramServer.start(EngramSettings.fromEnvironment(Map.of("ENVIRONMENT", environment, "AUTH_REQUIRED", "true",
                "AZURE_AI_ENDPOINT", GATEWAY.endpoint(), "AZURE_AI_KEY", "k",
                "AZURE_AD_TENANT_ID", ENTRA.tenant(), "AZURE_AD_AUDIENCE", AUDIENCE,
                "AZURE_AD_AUTHORITY_HOST", ENTRA.authorityHost(), "REQUESTS_CA_BUNDLE", ENTRA.tls().pem().toString())));
    }

    @AfterAll
    static void stop() {
        TEST_ENV.close();
        PROD_ENV.close();
        GATEWAY.close();
        ENTRA.close();
    }

    private static ApiResponse chat(EngramServer server, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/chat"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"Hello\"}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Http.send(request);
    }

    private static String servicePrincipalToken() {
        return EntraTokens.token(EntraTokens.servicePrincipal(ENTRA.authorityHost(), ENTRA.tenant(), SP, ENTRA.secretOf(SP),
                ENTRA.tls().pem().toFile()), AUDIENCE + "/.default");
    }

    private static String userToken(String username) {
        return EntraTokens.token(EntraTokens.user(ENTRA.authorityHost(), ENTRA.tenant(), SP, username, ENTRA.secretOf(username),
                ENTRA.tls().pem().toFile()), AUDIENCE + "/.default");
    }

    private static JWTClaimsSet.Builder valid() {
        return ENTRA.claims(AUDIENCE, "user-1").claim("oid", "user-1").claim("roles", List.of("engram.admin"));
    }

    @Test
    void aServicePrincipalTokenFromAzureIdentityIsAccepted() {
        assertEquals(200, chat(TEST_ENV, servicePrincipalToken()).status());
    }

    @Test
    void aMissingHeaderIsTheSopsMissingToken() {
        ApiResponse reply = chat(TEST_ENV, null);
        assertEquals(401, reply.status());
        assertEquals("Missing token", reply.json().path("detail").asText());
    }

    @Test
    void productionRequiresMfa() {
        assertEquals(401, chat(PROD_ENV, userToken("uat.tester1@engramtest.onmicrosoft.com")).status());
        String prod = "prod.user@engram.onmicrosoft.com";
        String mfa = new dev.engram.harness.stack.EntraAccess(ENTRA.authorityHost(), ENTRA.tenant(), ENTRA.tls().pem().toString(),
                Map.of("engram-test-sp", ENTRA.directory().principal("engram-test-sp").orElseThrow().clientId()),
                Map.of(prod, ENTRA.secretOf(prod))).mfaUserToken(prod);
        assertEquals(200, chat(PROD_ENV, mfa).status(), "a sign-in with MFA (device code flow)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alg-none", "hs256-with-public-key", "expired", "not-yet-valid", "wrong-audience", "wrong-issuer",
            "unknown-kid", "tampered-payload", "dev-token-outside-development", "garbage"})
    void everyAttackTokenGets401(String attack) throws Exception {
        Map<String, Supplier<String>> tokens = Map.of(
                "alg-none", () -> new PlainJWT(valid().build()).serialize(),
                "hs256-with-public-key", EntraAuthenticationTest::hs256WithPublicKey,
                "expired", () -> ENTRA.sign(valid().expirationTime(Date.from(Instant.now().minusSeconds(600)))
                        .notBeforeTime(Date.from(Instant.now().minusSeconds(4000))).build()),
                "not-yet-valid", () -> ENTRA.sign(valid().notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build()),
                "wrong-audience", () -> ENTRA.sign(valid().audience("api://someone-else").build()),
                "wrong-issuer", () -> ENTRA.sign(valid().issuer("https://login.microsoftonline.com/other-tenant/v2.0").build()),
                "unknown-kid", EntraAuthenticationTest::signedByAStranger,
                "tampered-payload", EntraAuthenticationTest::tampered,
                "dev-token-outside-development", () -> "dev_alice_admin",
                "garbage", () -> "not.a.jwt");
        ApiResponse reply = chat(TEST_ENV, tokens.get(attack).get());
        assertEquals(401, reply.status(), attack + ": " + reply.body());
        assertFalse(reply.body().contains("Exception") || reply.body().contains("\tat "), "no stack trace in " + reply.body());
    }

    private static String hs256WithPublicKey() {
        try {
            byte[] publicKey = ENTRA.jwks().getKeys().get(0).toRSAKey().toPublicKey().getEncoded();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(ENTRA.jwks().getKeys().get(0).getKeyID()).build(), valid().build());
            jwt.sign(new MACSigner(publicKey));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signedByAStranger() {
        try {
            RSAKey stranger = new RSAKeyGenerator(2048).keyID("unknown").generate();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("unknown").type(JOSEObjectType.JWT).build(), valid().build());
            jwt.sign(new RSASSASigner(stranger));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tampered() {
        String[] parts = ENTRA.sign(valid().claim("roles", List.of("engram.user")).build()).split("\\.");
        try {
            String payload = Base64URL.encode(valid().claim("roles", List.of("engram.admin")).build().toString()).toString();
            assertTrue(!payload.equals(parts[1]));
            return parts[0] + "." + payload + "." + parts[2];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
