package dev.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import dev.engram.identity.EntraTokens;
import dev.engram.simulator.entra.EntraIdSimulator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The official azure-identity credentials obtain real signed tokens from the Entra ID fake. */
class EntraIdSimulatorTest {
    private static final EntraIdSimulator ENTRA = EntraIdSimulator.start();
    private static final String SP = "5e0b7a4c-1d2f-4e8a-b3c6-7a9d0e1f2a3b";

    @AfterAll
    static void stop() {
        ENTRA.close();
    }

    @Test
    void aServicePrincipalGetsAnAppTokenWithItsRoles() throws Exception {
        String token = EntraTokens.token(EntraTokens.servicePrincipal(ENTRA.authorityHost(), ENTRA.tenant(), SP, ENTRA.secretOf(SP),
                ENTRA.tls().pem().toFile()), "api://engram/.default");
        SignedJWT jwt = SignedJWT.parse(token);
        assertEquals("RS256", jwt.getHeader().getAlgorithm().getName());
        assertEquals(ENTRA.issuer(), jwt.getJWTClaimsSet().getIssuer());
        assertEquals(List.of("api://engram"), jwt.getJWTClaimsSet().getAudience());
        assertEquals(List.of("engram.user", "engram.analyst"), jwt.getJWTClaimsSet().getStringListClaim("roles"));
        assertTrue(jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(ENTRA.jwks().getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey())));
    }

    @Test
    void aUatUserGetsOidPreferredUsernameAndRolesAndAProdUserCarriesMfa() throws Exception {
        String uat = "uat.analyst@engramtest.onmicrosoft.com";
        SignedJWT user = SignedJWT.parse(EntraTokens.token(EntraTokens.user(ENTRA.authorityHost(), ENTRA.tenant(), SP, uat,
                ENTRA.secretOf(uat), ENTRA.tls().pem().toFile()), "api://engram/.default"));
        assertEquals(uat, user.getJWTClaimsSet().getStringClaim("preferred_username"));
        assertTrue(user.getJWTClaimsSet().getStringClaim("oid").length() > 10);
        assertEquals(List.of("engram.analyst"), user.getJWTClaimsSet().getStringListClaim("roles"));
        assertEquals(List.of("pwd"), user.getJWTClaimsSet().getStringListClaim("amr"));
    }

    @Test
    void aUserHeldToMfaIsRefusedAPasswordSignInAndSignsInWithTheDeviceCodeFlow() throws Exception {
        String prod = "prod.user@engram.onmicrosoft.com";
        var password = EntraTokens.user(ENTRA.authorityHost(), ENTRA.tenant(), SP, prod, ENTRA.secretOf(prod), ENTRA.tls().pem().toFile());
        RuntimeException refused = assertThrows(RuntimeException.class, () -> EntraTokens.token(password, "api://engram/.default"));
        assertTrue(String.valueOf(refused.getMessage()).contains("AADSTS50076") || String.valueOf(refused.getCause()).contains("AADSTS50076"), refused.toString());
        var access = new dev.engram.harness.stack.EntraAccess(ENTRA.authorityHost(), ENTRA.tenant(), ENTRA.tls().pem().toString(),
                java.util.Map.of("engram-test-sp", SP), java.util.Map.of(prod, ENTRA.secretOf(prod)));
        SignedJWT mfa = SignedJWT.parse(access.mfaUserToken(prod));
        assertEquals(List.of("pwd", "mfa"), mfa.getJWTClaimsSet().getStringListClaim("amr"));
        assertEquals(prod, mfa.getJWTClaimsSet().getStringClaim("preferred_username"));
    }

    @Test
    void aWrongSecretIsRefused() {
        var credential = EntraTokens.servicePrincipal(ENTRA.authorityHost(), ENTRA.tenant(), SP, "not-the-secret", ENTRA.tls().pem().toFile());
        RuntimeException e = assertThrows(RuntimeException.class, () -> EntraTokens.token(credential, "api://engram/.default"));
        assertTrue(String.valueOf(e.getMessage()).contains("AADSTS7000215") || String.valueOf(e.getCause()).contains("AADSTS7000215"), e.toString());
    }

    @Test
    void keyRotationPublishesANewKeyAndKeepsThePreviousOne() {
        String before = ENTRA.jwks().getKeys().get(0).getKeyID();
        ENTRA.rotateKeys();
        assertNotEquals(before, ENTRA.jwks().getKeys().get(0).getKeyID());
        assertEquals(before, ENTRA.jwks().getKeys().get(1).getKeyID());
    }
}
