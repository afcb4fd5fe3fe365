package dev.engram.harness.stack;

import dev.engram.harness.backend.BackendLauncher;
import dev.engram.harness.backend.ReferenceLauncher;
import dev.engram.harness.backend.RunningBackend;
import dev.engram.harness.config.Endpoints;
import dev.engram.harness.config.EnvironmentProfile;
import dev.engram.simulator.entra.EntraIdSimulator;
import dev.engram.simulator.gateway.GatewaySimulator;
import dev.engram.simulator.swa.SpaBuild;
import dev.engram.simulator.swa.SwaEmulator;
import dev.engram.simulator.voicelive.VoiceLiveSimulator;
import dev.engram.simulator.zep.ZepSimulator;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The embedded stack: simulators first (Zep, gateway, VoiceLive, and Entra ID for environments that sign in with it),
 * then the Static Web App, then the backend under test configured with the SOP's variables for the environment it
 * rehearses: the in-repo reference server by default, or a command or image through its {@link BackendLauncher}.
 * Every port is chosen by the OS on 127.0.0.1. The only class that knows the start order.
 */
public final class EmbeddedStack implements AutoCloseable {
    public static final String DEPLOYMENT = "gpt-5-chat";
    public static final String BACKEND_IDENTITY = "engram-backend-mi";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final String environment;
    private final BackendLauncher launcher;
    private final ZepSimulator zep;
    private final GatewaySimulator gateway;
    private final VoiceLiveSimulator voiceLive;
    private final EntraIdSimulator entra;
    private final SwaEmulator web;
    private final RunningBackend backend;
    private final Map<String, String> backendEnvironment;
    private volatile String backendUrl;

    /** How to configure a stack: the environment it rehearses, a built SPA, variables replaced, the backend. */
    public static final class Builder {
        private String environment = "local";
        private Path webDist;
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private BackendLauncher launcher = new ReferenceLauncher();
        private Path voiceLiveReplay;
        private Path voiceLiveRecord;

        public Builder environment(String name) {
            this.environment = name;
            return this;
        }

        /** Serves a built SPA folder (e.g. upstream's {@code dist/}) instead of the reference SPA. */
        public Builder webDist(Path folder) {
            this.webDist = folder;
            return this;
        }

        /** Replaces SOP variables; a {@code null} value unsets one. */
        public Builder with(Map<String, String> variables) {
            overrides.putAll(variables);
            return this;
        }

        /** The backend talks to a cassette played back (with its recorded timing) instead of the VoiceLive simulator. */
        public Builder voiceLiveReplay(Path cassette) {
            this.voiceLiveReplay = cassette;
            return this;
        }

        /** The backend talks to the VoiceLive simulator through a recording proxy that writes this cassette. */
        public Builder voiceLiveRecord(Path cassette) {
            this.voiceLiveRecord = cassette;
            return this;
        }

        public Builder backend(BackendLauncher backend) {
            this.launcher = backend;
            return this;
        }

        public EmbeddedStack start() {
            return new EmbeddedStack(this);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static EmbeddedStack start() {
        return builder().start();
    }

    private EmbeddedStack(Builder config) {
        this.environment = config.environment;
        this.launcher = config.launcher;
        EnvironmentProfile profile = EnvironmentProfile.of(environment);
        String gatewayKey = randomKey();
        String voiceLiveKey = randomKey();
        try {
            zep = keep(ZepSimulator.start());
            gateway = keep(GatewaySimulator.start(gatewayKey, DEPLOYMENT));
            entra = profile.needsEntra() ? keep(EntraIdSimulator.start()) : null;
            voiceLive = keep(entra == null ? VoiceLiveSimulator.start(voiceLiveKey)
                    : VoiceLiveSimulator.options().apiKey(voiceLiveKey).tokens(new EntraTokenVerifier(entra)).start());
            SpaBuild spa = config.webDist == null ? keep(SpaBuild.of(SpaBuild.SOURCE, "", null)) : null;
            web = keep(SwaEmulator.start(config.webDist == null ? spa.folder() : config.webDist, () -> backendUrl));
            Map<String, String> env = new LinkedHashMap<>(profile.variables());
            env.put("CORS_ORIGINS", profile.corsExactOrigin() ? "[\"" + web.url() + "\"]" : "[\"" + web.url() + "\",\"http://localhost:5173\"]");
            env.put("AZURE_AI_ENDPOINT", gateway.endpoint());
            env.put("AZURE_AI_DEPLOYMENT", DEPLOYMENT);
            env.put("AZURE_AI_KEY", gatewayKey);
            env.put("AZURE_VOICELIVE_ENDPOINT", voiceLive.endpoint());
            env.put("AZURE_VOICELIVE_MODEL", "gpt-realtime");
            env.put("AZURE_VOICELIVE_VOICE", "en-US-Ava:DragonHDLatestNeural");
            env.put("ZEP_API_URL", zep.url());
            if (config.voiceLiveRecord != null) {
                env.put("AZURE_VOICELIVE_ENDPOINT", keep(dev.engram.simulator.cassette.CassetteRecorder.start(voiceLive.endpoint(),
                        config.voiceLiveRecord, false)).endpoint());
            }
            if (config.voiceLiveReplay != null) {
                env.put("AZURE_VOICELIVE_ENDPOINT", keep(dev.engram.simulator.cassette.CassetteReplay.start(config.voiceLiveReplay)).endpoint());
            }
            if (entra == null) {
                env.put("AZURE_VOICELIVE_KEY", voiceLiveKey);
            } else {
                // SOP 1.1: managed identity for VoiceLive (no key); the backend's identity is a principal of the fake
                String backendClient = entra.directory().principal(BACKEND_IDENTITY).orElseThrow().clientId();
                env.put("AZURE_CLIENT_ID", backendClient);
                env.put("AZURE_CLIENT_SECRET", entra.secretOf(backendClient));
                env.put("AZURE_TENANT_ID", entra.tenant());
                env.put("AZURE_AUTHORITY_HOST", entra.authorityHost());
                env.put("AZURE_AD_TENANT_ID", entra.tenant());
                env.put("AZURE_AD_AUDIENCE", EntraAccess.API_AUDIENCE);
                env.put("AZURE_AD_AUTHORITY_HOST", entra.authorityHost());
                env.put("REQUESTS_CA_BUNDLE", entra.tls().pem().toString());
                env.put("SSL_CERT_FILE", entra.tls().pem().toString());
            }
            env.put("ENGRAM_GATEWAY_TIMEOUT_MS", "3000");
            env.put("ENGRAM_VOICE_STALL_MS", "2000");
            env.put("ENGRAM_ZEP_TIMEOUT_MS", "1000");
            env.putAll(config.overrides);
            env.values().removeIf(value -> value == null);
            backendEnvironment = Collections.unmodifiableMap(env);
            backend = keep(launcher.start(backendEnvironment, 0));
            backendUrl = backend.url();
            if (spa != null) {
                spa.configure("", backend.url());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public Endpoints endpoints() {
        return new Endpoints(backend.url(), web.url(), voiceLive.endpoint(), gateway.endpoint(), zep.url(),
                entra == null ? null : entra.authorityHost());
    }

    /** How the harness signs in at this stack's Entra ID fake, when it has one. */
    public Optional<EntraAccess> entraAccess() {
        if (entra == null) {
            return Optional.empty();
        }
        Map<String, String> clientIds = entra.directory().servicePrincipals().stream()
                .collect(Collectors.toMap(p -> p.name(), p -> p.clientId()));
        return Optional.of(new EntraAccess(entra.authorityHost(), entra.tenant(), entra.tls().pem().toString(), clientIds, entra.secrets()));
    }

    /**
     * The credential the harness signs in with, per the environment's auth model: none (POC), a dev token
     * (development), a service principal's token (test) or a test user's token (uat; prod with MFA), obtained
     * from the Entra ID fake through azure-identity.
     */
    public Optional<String> harnessToken() {
        EnvironmentProfile.HarnessIdentity identity = EnvironmentProfile.of(environment).harnessIdentity();
        return entraAccess().map(access -> access.token(identity)).orElseGet(() -> EntraAccess.withoutEntra(identity));
    }

    /** The variables that point an Engram backend at these simulators; keys only when asked. */
    public Map<String, String> backendVariables(boolean revealSecrets) {
        Map<String, String> vars = new LinkedHashMap<>(backendEnvironment);
        if (!revealSecrets) {
            vars.replaceAll((k, v) -> k.endsWith("_KEY") || k.endsWith("_SECRET") ? "<in the env file>" : v);
        }
        return vars;
    }

    /** A second instance of the backend under test with some variables changed ({@code null} unsets one). */
    public RunningBackend launchVariant(Map<String, String> changes) {
        Map<String, String> env = new LinkedHashMap<>(backendEnvironment);
        env.putAll(changes);
        env.values().removeIf(value -> value == null);
        return launcher.start(env, 0);
    }

    public BackendLauncher launcher() {
        return launcher;
    }

    public String environment() {
        return environment;
    }

    public SwaEmulator web() {
        return web;
    }

    /** The in-repo reference server, when it is the backend under test. */
    public Optional<ReferenceLauncher.Reference> reference() {
        return backend instanceof ReferenceLauncher.Reference reference ? Optional.of(reference) : Optional.empty();
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
