package dev.engram.simulator.entra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.engram.support.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Entra ID (Azure AD) v2.0 for one fake tenant, over HTTPS with a certificate made at start-up: OIDC discovery,
 * JWKS (with key rotation: the previous key stays published), and the token endpoint for client credentials
 * (service principals, SOP 4.3), resource-owner password (UAT test users with oid, preferred_username, roles) and the
 * device code flow, the only one here that can carry MFA: a user held to MFA (production users) is refused a password
 * sign-in with AADSTS50076, and signs in at the device login page, after which the token carries
 * {@code amr: ["pwd","mfa"]}. Secrets and passwords are made at start-up, never stored.
 */
public final class EntraIdSimulator implements AutoCloseable {
    private final Directory directory = Directory.load();
    private final SelfSignedTls tls = SelfSignedTls.create();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    /** Device codes handed out and not yet redeemed: the user who signed in for one (with MFA), once someone has. */
    private final Map<String, DeviceSignIn> deviceCodes = new ConcurrentHashMap<>();

    private record DeviceSignIn(String userCode, String clientId, java.util.concurrent.atomic.AtomicReference<Directory.User> user) {}
    private final List<RSAKey> keys = new ArrayList<>();
    private final Javalin app;

    private EntraIdSimulator() {
        directory.servicePrincipals().forEach(p -> secrets.put(p.clientId(), random()));
        directory.users().forEach(u -> secrets.put(u.username().toLowerCase(), random()));
        rotateKeys();
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.addConnector((server, http) -> {
                SslContextFactory.Server ssl = new SslContextFactory.Server();
                ssl.setKeyStorePath(tls.keyStore().toString());
                ssl.setKeyStorePassword(tls.password());
                ssl.setKeyStoreType("PKCS12");
                http.addCustomizer(new SecureRequestCustomizer(false));
                ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
                connector.setHost("127.0.0.1");
                connector.setPort(0);
                return connector;
            });
            String tenant = "/" + directory.tenant();
            config.routes.get(tenant + "/v2.0/.well-known/openid-configuration", this::discovery);
            config.routes.get(tenant + "/discovery/v2.0/keys", ctx -> ctx.contentType("application/json").result(jwks().toString()));
            config.routes.post(tenant + "/oauth2/v2.0/token", this::token);
            config.routes.post(tenant + "/oauth2/v2.0/devicecode", this::deviceCode);
            config.routes.post(tenant + "/devicelogin", this::deviceLogin);
            config.routes.get("/common/userrealm/{user}", this::userRealm);
            config.routes.post("/__admin/rotate-keys", ctx -> {
                rotateKeys();
                ctx.status(204);
            });
        }).start();
    }

    public static EntraIdSimulator start() {
        return new EntraIdSimulator();
    }

    /** The authority host for azure-identity ({@code https://127.0.0.1:port}). */
    public String authorityHost() {
        return "https://127.0.0.1:" + app.port();
    }

    public String tenant() {
        return directory.tenant();
    }

    public String issuer() {
        return authorityHost() + "/" + tenant() + "/v2.0";
    }

    public String jwksUri() {
        return authorityHost() + "/" + tenant() + "/discovery/v2.0/keys";
    }

    public Directory directory() {
        return directory;
    }

    public SelfSignedTls tls() {
        return tls;
    }

    /** A service principal's client secret, or a user's password; made at start-up. */
    public String secretOf(String clientIdOrUsername) {
        String secret = secrets.get(clientIdOrUsername.toLowerCase());
        return secret != null ? secret : secrets.get(clientIdOrUsername);
    }

    /** Every client secret by client id and every password by lower-case username, for an owner-only file. */
    public Map<String, String> secrets() {
        return Map.copyOf(secrets);
    }

    /** Publishes a new signing key; tokens signed with the previous key still validate until the next rotation. */
    public synchronized void rotateKeys() {
        try {
            keys.add(0, new RSAKeyGenerator(2048).keyID("key-" + UUID.randomUUID().toString().substring(0, 8)).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
        while (keys.size() > 2) {
            keys.remove(keys.size() - 1);
        }
    }

    public synchronized JWKSet jwks() {
        return new JWKSet(keys.stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList());
    }

    /** Signs claims with the current key: for the fake's own tokens and for tests that need e.g. expired ones. */
    public synchronized String sign(JWTClaimsSet claims) {
        RSAKey key = keys.get(0);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(com.nimbusds.jose.JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    /** The standard claims of a token for {@code audience}, valid from now for an hour; callers add the rest. */
    public JWTClaimsSet.Builder claims(String audience, String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer()).audience(audience).subject(subject)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .claim("tid", tenant()).claim("ver", "2.0");
    }

    private void discovery(Context ctx) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer());
        doc.put("authorization_endpoint", authorityHost() + "/" + tenant() + "/oauth2/v2.0/authorize");
        doc.put("token_endpoint", authorityHost() + "/" + tenant() + "/oauth2/v2.0/token");
        doc.put("jwks_uri", jwksUri());
        doc.put("response_types_supported", List.of("code", "id_token", "token"));
        doc.put("subject_types_supported", List.of("pairwise"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("tenant_region_scope", "NA");
        ctx.json(doc);
    }

    private void userRealm(Context ctx) {
        ctx.json(Map.of("ver", "1.0", "account_type", "Managed", "domain_name", ctx.pathParam("user").replaceAll("^.*@", ""),
                "cloud_instance_name", "microsoftonline.com", "cloud_audience_urn", "urn:federation:MicrosoftOnline"));
    }

    private void token(Context ctx) {
        String grant = ctx.formParam("grant_type");
        String clientId = ctx.formParam("client_id");
        String scope = ctx.formParam("scope");
        if (grant == null || clientId == null || scope == null) {
            oauthError(ctx, 400, "invalid_request", "AADSTS900144: The request body must contain grant_type, client_id and scope.");
            return;
        }
        String audience = audienceOf(scope);
        if (audience == null) {
            oauthError(ctx, 400, "invalid_scope", "AADSTS70011: The provided value for scope is not valid: it must end in /.default.");
            return;
        }
        switch (grant) {
            case "client_credentials" -> clientCredentials(ctx, clientId, audience, scope);
            case "password" -> password(ctx, clientId, audience, scope);
            case "urn:ietf:params:oauth:grant-type:device_code", "device_code" -> redeemDeviceCode(ctx, clientId, audience, scope);
            default -> oauthError(ctx, 400, "unsupported_grant_type", "AADSTS70003: The grant type '" + grant + "' is not supported by this fake tenant.");
        }
    }

    private void clientCredentials(Context ctx, String clientId, String audience, String scope) {
        Directory.ServicePrincipal principal = directory.principalByClientId(clientId).orElse(null);
        if (principal == null) {
            oauthError(ctx, 400, "unauthorized_client", "AADSTS700016: Application with identifier '" + clientId + "' was not found in the directory.");
            return;
        }
        if (!secrets.get(clientId).equals(ctx.formParam("client_secret"))) {
            oauthError(ctx, 401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
            return;
        }
        JWTClaimsSet claims = claims(audience, clientId).claim("oid", clientId).claim("azp", clientId).claim("appid", clientId)
                .claim("idtyp", "app").claim("roles", principal.roles()).build();
        ctx.json(tokenResponse(sign(claims), scope, null));
    }

    /**
     * Password sign-in (ROPC) cannot do MFA, so, as in Entra, a user whom Conditional Access holds to MFA is refused
     * with AADSTS50076 and must use an interactive flow (here the device code flow).
     */
    private void password(Context ctx, String clientId, String audience, String scope) {
        String username = ctx.formParam("username");
        Directory.User user = username == null ? null : directory.user(username).orElse(null);
        if (user == null || !secrets.get(user.username().toLowerCase()).equals(ctx.formParam("password"))) {
            oauthError(ctx, 400, "invalid_grant", "AADSTS50126: Error validating credentials due to invalid username or password.");
            return;
        }
        if (user.mfa()) {
            oauthError(ctx, 400, "invalid_grant", "AADSTS50076: Due to a configuration change made by your administrator, or because you"
                    + " moved to a new location, you must use multi-factor authentication to access '" + audience + "'.");
            return;
        }
        userToken(ctx, clientId, audience, scope, user, List.of("pwd"));
    }

    /** The device code flow's first step: a code for the device to poll with, and one for the user to enter. */
    private void deviceCode(Context ctx) {
        String clientId = ctx.formParam("client_id");
        String scope = ctx.formParam("scope");
        if (clientId == null || scope == null) {
            oauthError(ctx, 400, "invalid_request", "AADSTS900144: The request body must contain client_id and scope.");
            return;
        }
        String deviceCode = random();
        String userCode = random().substring(0, 9).toUpperCase(java.util.Locale.ROOT);
        deviceCodes.put(deviceCode, new DeviceSignIn(userCode, clientId, new java.util.concurrent.atomic.AtomicReference<>()));
        String uri = authorityHost() + "/" + tenant() + "/devicelogin";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("device_code", deviceCode);
        body.put("user_code", userCode);
        body.put("verification_uri", uri);
        body.put("expires_in", 900);
        body.put("interval", 1);
        body.put("message", "To sign in, open " + uri + " and enter the code " + userCode + " to authenticate.");
        ctx.json(body);
    }

    /** The user's side, as a browser would post it: the code, the password, and the MFA step (taken as passed). */
    private void deviceLogin(Context ctx) {
        String userCode = ctx.formParam("user_code");
        String username = ctx.formParam("username");
        Directory.User user = username == null ? null : directory.user(username).orElse(null);
        DeviceSignIn pending = deviceCodes.values().stream().filter(d -> d.userCode().equals(userCode)).findFirst().orElse(null);
        if (pending == null) {
            oauthError(ctx, 400, "invalid_request", "AADSTS70000: The code '" + String.valueOf(userCode) + "' was not found or has expired.");
            return;
        }
        if (user == null || !secrets.get(user.username().toLowerCase()).equals(ctx.formParam("password"))) {
            oauthError(ctx, 400, "invalid_grant", "AADSTS50126: Error validating credentials due to invalid username or password.");
            return;
        }
        pending.user().set(user);
        ctx.json(Map.of("status", "signed in", "mfa", user.mfa()));
    }

    private void redeemDeviceCode(Context ctx, String clientId, String audience, String scope) {
        String code = ctx.formParam("device_code");
        DeviceSignIn pending = code == null ? null : deviceCodes.get(code);
        if (pending == null || !pending.clientId().equals(clientId)) {
            oauthError(ctx, 400, "expired_token", "AADSTS70020: The provided value for the input parameter 'device_code' is not valid.");
            return;
        }
        Directory.User user = pending.user().get();
        if (user == null) {
            oauthError(ctx, 400, "authorization_pending", "AADSTS70016: OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
            return;
        }
        deviceCodes.remove(code);
        userToken(ctx, clientId, audience, scope, user, user.mfa() ? List.of("pwd", "mfa") : List.of("pwd"));
    }

    private void userToken(Context ctx, String clientId, String audience, String scope, Directory.User user, List<String> amr) {
        String oid = UUID.nameUUIDFromBytes(user.username().getBytes()).toString();
        JWTClaimsSet claims = claims(audience, oid).claim("oid", oid).claim("preferred_username", user.username())
                .claim("name", user.name()).claim("azp", clientId).claim("roles", user.roles()).claim("amr", amr).claim("scp", "user_impersonation").build();
        JWTClaimsSet id = claims(clientId, oid).claim("oid", oid).claim("preferred_username", user.username()).claim("name", user.name()).build();
        ctx.json(tokenResponse(sign(claims), scope, Map.of("id_token", sign(id), "client_info",
                Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(Map.of("uid", oid, "utid", tenant())).getBytes()))));
    }

    private static Map<String, Object> tokenResponse(String token, String scope, Map<String, String> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("scope", scope);
        body.put("expires_in", 3599);
        body.put("ext_expires_in", 3599);
        body.put("access_token", token);
        if (extra != null) {
            body.putAll(extra);
        }
        return body;
    }

    private static String audienceOf(String scope) {
        for (String part : scope.split(" ")) {
            if (part.endsWith("/.default")) {
                return part.substring(0, part.length() - "/.default".length());
            }
        }
        return null;
    }

    private static void oauthError(Context ctx, int status, String error, String description) {
        ctx.status(status).json(Map.of("error", error, "error_description", description, "error_codes", List.of(),
                "timestamp", Instant.now().toString(), "trace_id", UUID.randomUUID().toString(), "correlation_id", UUID.randomUUID().toString()));
    }

    private static String random() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        app.stop();
    }
}
