package dev.engram.harness.stack;

import dev.engram.harness.config.Endpoints;
import dev.engram.identity.EntraTokens;
import dev.engram.harness.config.EnvironmentProfile;
import dev.engram.reference.EngramServer;
import dev.engram.reference.EngramSettings;
import dev.engram.simulator.entra.EntraIdSimulator;
import dev.engram.simulator.gateway.GatewaySimulator;
import dev.engram.simulator.swa.SpaBuild;
import dev.engram.simulator.swa.SwaEmulator;
import dev.engram.simulator.voicelive.EntraTokenVerifier;
import dev.engram.simulator.voicelive.VoiceLiveSimulator;
import dev.engram.simulator.zep.ZepSimulator;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded stack: simulators first (Zep, gateway, VoiceLive, and Entra ID for environments that sign in with it),
 * then the Static Web App, then the reference Engram server configured with the SOP's variables for the environment
 * it rehearses. Every port is chosen by the OS on 127.0.0.1. The only class that knows the start order.
 */
public final class EmbeddedStack implements AutoCloseable {
    public static final String DEPLOYMENT = "gpt-5-chat";
    public static final String API_AUDIENCE = "api://engram";
    public static final String BACKEND_IDENTITY = "engram-backend-mi";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final String environment;
    private final ZepSimulator zep;
    private final GatewaySimulator gateway;
    private final VoiceLiveSimulator voiceLive;
    private final EntraIdSimulator entra;
    private final SpaBuild spa;
    private final SwaEmulator web;
    private final EngramServer engram;
    private final Map<String, String> engramEnvironment;
    private volatile String engramUrl;

    private EmbeddedStack(String environment, Map<String, String> overrides, Path webDist) {
        this.environment = environment;
        EnvironmentProfile profile = EnvironmentProfile.of(environment);
        String gatewayKey = randomKey();
        String voiceLiveKey = randomKey();
        try {
            zep = keep(ZepSimulator.start());
            gateway = keep(GatewaySimulator.start(gatewayKey, DEPLOYMENT));
            entra = profile.needsEntra() ? keep(EntraIdSimulator.start()) : null;
            voiceLive = keep(entra == null ? VoiceLiveSimulator.start(voiceLiveKey)
                    : VoiceLiveSimulator.options().apiKey(voiceLiveKey).tokens(new EntraTokenVerifier(entra)).start());
            spa = webDist == null ? keep(SpaBuild.of(SpaBuild.SOURCE, "", null)) : null;
            web = keep(SwaEmulator.start(webDist == null ? spa.folder() : webDist, () -> engramUrl));
            Map<String, String> env = new LinkedHashMap<>(profile.variables());
            env.put("CORS_ORIGINS", profile.corsExactOrigin() ? "[\"" + web.url() + "\"]" : "[\"" + web.url() + "\",\"http://localhost:5173\"]");
            env.put("AZURE_AI_ENDPOINT", gateway.endpoint());
            env.put("AZURE_AI_DEPLOYMENT", DEPLOYMENT);
            env.put("AZURE_AI_KEY", gatewayKey);
            env.put("AZURE_VOICELIVE_ENDPOINT", voiceLive.endpoint());
            env.put("AZURE_VOICELIVE_MODEL", "gpt-realtime");
            env.put("AZURE_VOICELIVE_VOICE", "en-US-Ava:DragonHDLatestNeural");
            env.put("ZEP_API_URL", zep.url());
            if (entra == null) {
                env.put("AZURE_VOICELIVE_KEY", voiceLiveKey);
            } else {
                // SOP 1.1: managed identity for VoiceLive (no key); the backend's identity is a principal of the fake
                String backend = entra.directory().principal(BACKEND_IDENTITY).orElseThrow().clientId();
                env.put("AZURE_CLIENT_ID", backend);
                env.put("AZURE_CLIENT_SECRET", entra.secretOf(backend));
                env.put("AZURE_TENANT_ID", entra.tenant());
                env.put("AZURE_AUTHORITY_HOST", entra.authorityHost());
                env.put("AZURE_AD_TENANT_ID", entra.tenant());
                env.put("AZURE_AD_AUDIENCE", API_AUDIENCE);
                env.put("AZURE_AD_AUTHORITY_HOST", entra.authorityHost());
                env.put("REQUESTS_CA_BUNDLE", entra.tls().pem().toString());
            }
            env.put("ENGRAM_GATEWAY_TIMEOUT_MS", "3000");
            env.put("ENGRAM_ZEP_TIMEOUT_MS", "1000");
            env.putAll(overrides);
            env.values().removeIf(value -> value == null);
            engramEnvironment = java.util.Collections.unmodifiableMap(env);
            engram = keep(EngramServer.start(EngramSettings.fromEnvironment(engramEnvironment)));
            engramUrl = engram.url();
            if (spa != null) {
                spa.configure("", engram.url());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public static EmbeddedStack start() {
        return new EmbeddedStack("local", Map.of(), null);
    }

    /** The stack configured with the SOP 2.2-6.2 variables of an environment, to rehearse its gate locally. */
    public static EmbeddedStack rehearsing(String environment, Path webDist) {
        return new EmbeddedStack(environment, Map.of(), webDist);
    }

    /** Serves a built SPA folder (e.g. upstream's {@code dist/}) through the emulator instead of the reference SPA. */
    public static EmbeddedStack withWebDist(Path webDist) {
        return new EmbeddedStack("local", Map.of(), webDist);
    }

    /** The stack configured as an environment, with some SOP variables replaced; a {@code null} value unsets one. */
    public static EmbeddedStack rehearsing(String environment, Map<String, String> overrides) {
        return new EmbeddedStack(environment, overrides, null);
    }

    /** Starts with some SOP variables replaced; a {@code null} value unsets one. */
    public static EmbeddedStack start(Map<String, String> overrides) {
        return new EmbeddedStack("local", overrides, null);
    }

    public Endpoints endpoints() {
        return new Endpoints(engram.url(), web.url(), voiceLive.endpoint(), gateway.endpoint(), zep.url(),
                entra == null ? null : entra.authorityHost());
    }

    /**
     * The credential the harness signs in with, per the environment's auth model: none (POC), a dev token
     * (development), a service principal's token (test) or a test user's token (uat; prod with MFA), obtained
     * from the Entra ID fake through azure-identity.
     */
    public Optional<String> harnessToken() {
        String identity = EnvironmentProfile.of(environment).harnessIdentity();
        return switch (identity) {
            case "dev-token" -> Optional.of("dev_harness_analyst");
            case "service-principal" -> Optional.of(EntraTokens.token(servicePrincipal("engram-test-sp"), API_AUDIENCE + "/.default"));
            case "uat-user" -> Optional.of(userToken("uat.analyst@engramtest.onmicrosoft.com"));
            case "prod-user" -> Optional.of(userToken("prod.user@engram.onmicrosoft.com"));
            default -> Optional.empty();
        };
    }

    public String userToken(String username) {
        String client = entra.directory().principal("engram-test-sp").orElseThrow().clientId();
        return EntraTokens.token(EntraTokens.user(entra.authorityHost(), entra.tenant(), client, username, entra.secretOf(username),
                entra.tls().pem().toFile()), API_AUDIENCE + "/.default");
    }

    private com.azure.core.credential.TokenCredential servicePrincipal(String name) {
        String client = entra.directory().principal(name).orElseThrow().clientId();
        return EntraTokens.servicePrincipal(entra.authorityHost(), entra.tenant(), client, entra.secretOf(client), entra.tls().pem().toFile());
    }

    /** The variables that point a real Engram backend at these simulators; keys only when asked. */
    public Map<String, String> backendVariables(boolean revealSecrets) {
        Map<String, String> vars = new LinkedHashMap<>(engramEnvironment);
        vars.keySet().removeIf(k -> k.startsWith("ENGRAM_"));
        if (!revealSecrets) {
            vars.replaceAll((k, v) -> k.endsWith("_KEY") || k.endsWith("_SECRET") ? "<in the env file>" : v);
        }
        return vars;
    }

    public String environment() {
        return environment;
    }

    public GatewaySimulator gateway() {
        return gateway;
    }

    public VoiceLiveSimulator voiceLive() {
        return voiceLive;
    }

    public ZepSimulator zep() {
        return zep;
    }

    public Optional<EntraIdSimulator> entra() {
        return Optional.ofNullable(entra);
    }

    public SwaEmulator web() {
        return web;
    }

    public EngramServer engram() {
        return engram;
    }

    private <T extends AutoCloseable> T keep(T component) {
        started.push(component);
        return component;
    }

    private static String randomKey() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }
}
