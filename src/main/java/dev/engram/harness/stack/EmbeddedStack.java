package dev.engram.harness.stack;

import dev.engram.reference.EngramServer;
import dev.engram.reference.EngramSettings;
import dev.engram.simulator.gateway.GatewaySimulator;
import dev.engram.simulator.swa.SpaBuild;
import dev.engram.simulator.swa.SwaEmulator;
import dev.engram.simulator.voicelive.VoiceLiveSimulator;
import dev.engram.simulator.zep.ZepSimulator;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedded stack: simulators first, then the reference Engram server configured with the SOP's variables
 * pointing at them. Every port is chosen by the OS on 127.0.0.1. The only class that knows the start order.
 */
public final class EmbeddedStack implements AutoCloseable {
    public static final String DEPLOYMENT = "gpt-5-chat";

    private final ZepSimulator zep;
    private final GatewaySimulator gateway;
    private final VoiceLiveSimulator voiceLive;
    private EngramServer engram;
    private final SpaBuild spa;
    private final SwaEmulator web;
    private final Map<String, String> engramEnvironment;

    private EmbeddedStack(Map<String, String> overrides, java.nio.file.Path webDist) {
        String gatewayKey = randomKey();
        String voiceLiveKey = randomKey();
        zep = ZepSimulator.start();
        gateway = GatewaySimulator.start(gatewayKey, DEPLOYMENT);
        voiceLive = VoiceLiveSimulator.start(voiceLiveKey);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ENVIRONMENT", "development");
        env.put("AUTH_REQUIRED", "false");
        env.put("DEBUG", "true");
        env.put("LOG_LEVEL", "INFO");
        env.put("CORS_ORIGINS", "[\"http://127.0.0.1\",\"http://localhost:5173\"]");
        env.put("AZURE_AI_ENDPOINT", gateway.endpoint());
        env.put("AZURE_AI_DEPLOYMENT", DEPLOYMENT);
        env.put("AZURE_AI_KEY", gatewayKey);
        env.put("AZURE_VOICELIVE_ENDPOINT", voiceLive.endpoint());
        env.put("AZURE_VOICELIVE_MODEL", "gpt-realtime");
        env.put("AZURE_VOICELIVE_VOICE", "en-US-Ava:DragonHDLatestNeural");
        env.put("AZURE_VOICELIVE_KEY", voiceLiveKey);
        env.put("ZEP_API_URL", zep.url());
        env.put("ENGRAM_GATEWAY_TIMEOUT_MS", "3000");
        env.put("ENGRAM_ZEP_TIMEOUT_MS", "1000");
        env.putAll(overrides);
        env.values().removeIf(value -> value == null);
        engramEnvironment = java.util.Collections.unmodifiableMap(env);
        try {
            engram = EngramServer.start(EngramSettings.fromEnvironment(engramEnvironment));
            spa = webDist == null ? SpaBuild.of(SpaBuild.SOURCE, "", engram.url()) : null;
            web = SwaEmulator.start(webDist == null ? spa.folder() : webDist, engram.url());
        } catch (RuntimeException e) {
            if (engram != null) {
                engram.close();
            }
            voiceLive.close();
            gateway.close();
            zep.close();
            throw e;
        }
    }

    public static EmbeddedStack start() {
        return new EmbeddedStack(Map.of(), null);
    }

    /** Serves a built SPA folder (e.g. upstream's {@code dist/}) through the emulator instead of the reference SPA. */
    public static EmbeddedStack withWebDist(java.nio.file.Path webDist) {
        return new EmbeddedStack(Map.of(), webDist);
    }

    /** Starts with some SOP variables replaced; a {@code null} value unsets one. */
    public static EmbeddedStack start(Map<String, String> overrides) {
        return new EmbeddedStack(overrides, null);
    }

    public Endpoints endpoints() {
        return new Endpoints(engram.url(), web.url(), voiceLive.endpoint(), gateway.endpoint(), zep.url(), null);
    }

    /** The variables that point a real Engram backend at these simulators; secrets shown as references only. */
    public Map<String, String> backendVariables(boolean revealSecrets) {
        Map<String, String> vars = new LinkedHashMap<>(engramEnvironment);
        vars.keySet().removeIf(k -> k.startsWith("ENGRAM_"));
        if (!revealSecrets) {
            vars.replaceAll((k, v) -> k.endsWith("_KEY") ? "<in the env file>" : v);
        }
        return vars;
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

    public SwaEmulator web() {
        return web;
    }

    public EngramServer engram() {
        return engram;
    }

    private static String randomKey() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        web.close();
        if (spa != null) {
            spa.close();
        }
        engram.close();
        voiceLive.close();
        gateway.close();
        zep.close();
    }
}
