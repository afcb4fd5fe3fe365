package dev.engram.reference;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reference server's configuration, read only from the SOP's environment variables (sections 1.1 and 2.2-6.2)
 * plus the upstream voice variables for Marcus and Sage. A malformed value fails start-up naming the variable.
 *
 * <p>Tuning variables that are the reference server's own, not the SOP's: {@code ENGRAM_GATEWAY_TIMEOUT_MS} and
 * {@code ENGRAM_ZEP_TIMEOUT_MS} bound the calls to the chat gateway and to Zep; {@link VoiceLimits} bound the voice socket.
 */
public record EngramSettings(
        String environment,
        boolean authRequired,
        boolean debug,
        String logLevel,
        List<String> corsOrigins,
        Optional<URI> aiEndpoint,
        String aiDeployment,
        Optional<String> aiKey,
        Optional<String> aiProjectName,
        Optional<URI> voiceLiveEndpoint,
        String voiceLiveModel,
        String voiceLiveApiVersion,
        Optional<String> voiceLiveProjectName,
        Optional<String> voiceLiveKey,
        boolean voiceLiveKeySetButEmpty,
        boolean tokenCredentialAvailable,
        Map<String, String> agentVoices,
        Optional<URI> zepUrl,
        Optional<String> zepKey,
        boolean auditLogEnabled,
        int dataRetentionDays,
        Optional<EntraSettings> entra,
        Optional<ServicePrincipal> servicePrincipal,
        Duration gatewayTimeout,
        Duration zepTimeout,
        String version,
        ConnectivitySettings connectivity,
        VoiceLimits voiceLimits) {

    /**
     * The voice socket's bounds, the reference server's own tuning: {@code ENGRAM_VOICE_MAX_SESSIONS} (default 1000)
     * open sockets, beyond which an upgrade is refused with 503 and {@code Retry-After}; and
     * {@code ENGRAM_VOICE_MAX_QUEUED_BYTES} (default 4 MiB) of messages waiting for a client that does not read,
     * beyond which that client is disconnected; and {@code ENGRAM_VOICE_STALL_MS} (default 15000) of silence from
     * VoiceLive in the middle of a response, after which the browser is told and the response cancelled.
     */
    public record VoiceLimits(int maxSessions, int maxQueuedBytes, java.time.Duration stall) {
        static VoiceLimits from(EnvVars vars) {
            return new VoiceLimits(vars.integer("ENGRAM_VOICE_MAX_SESSIONS", 1_000, 1),
                    vars.integer("ENGRAM_VOICE_MAX_QUEUED_BYTES", 4 << 20, 64 << 10),
                    java.time.Duration.ofMillis(vars.integer("ENGRAM_VOICE_STALL_MS", 15_000, 100)));
        }
    }

    /** SOP 4.3's service principal (AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, AZURE_TENANT_ID), plus AZURE_AUTHORITY_HOST. */
    public record ServicePrincipal(String clientId, String clientSecret, String tenantId, Optional<String> authorityHost, Optional<String> caBundle) {
        static Optional<ServicePrincipal> from(EnvVars vars) {
            if (vars.text("AZURE_CLIENT_ID").isEmpty() || vars.text("AZURE_CLIENT_SECRET").isEmpty() || vars.text("AZURE_TENANT_ID").isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ServicePrincipal(vars.text("AZURE_CLIENT_ID").get(), vars.text("AZURE_CLIENT_SECRET").get(),
                    vars.text("AZURE_TENANT_ID").get(), vars.text("AZURE_AUTHORITY_HOST"), vars.text("REQUESTS_CA_BUNDLE")));
        }

        @Override
        public String toString() {
            return "ServicePrincipal[" + clientId + "]"; // never the secret
        }
    }

    public static final Set<String> ENVIRONMENTS = Set.of("development", "staging", "test", "uat", "production");
    public static final Set<String> LOG_LEVELS = Set.of("debug", "info", "warning", "error", "critical");

    public static EngramSettings fromEnvironment(Map<String, String> env) {
        EnvVars vars = new EnvVars(env);
        String environment = vars.oneOf("ENVIRONMENT", "development", ENVIRONMENTS);
        return new EngramSettings(
                environment,
                vars.bool("AUTH_REQUIRED", !environment.equals("development")),
                vars.bool("DEBUG", false),
                vars.oneOf("LOG_LEVEL", "INFO", LOG_LEVELS),
                vars.jsonList("CORS_ORIGINS"),
                vars.url("AZURE_AI_ENDPOINT"),
                vars.text("AZURE_AI_DEPLOYMENT", "gpt-5-chat"),
                vars.text("AZURE_AI_KEY"),
                vars.text("AZURE_AI_PROJECT_NAME"),
                vars.url("AZURE_VOICELIVE_ENDPOINT"),
                vars.text("AZURE_VOICELIVE_MODEL", "gpt-realtime"),
                vars.text("AZURE_VOICELIVE_API_VERSION", "2025-10-01"),
                vars.text("AZURE_VOICELIVE_PROJECT_NAME"),
                vars.text("AZURE_VOICELIVE_KEY"),
                vars.setButEmpty("AZURE_VOICELIVE_KEY"),
                vars.text("IDENTITY_ENDPOINT").isPresent() || vars.text("MSI_ENDPOINT").isPresent()
                        || ServicePrincipal.from(vars).isPresent(),
                Agents.voicesFrom(vars::text),
                vars.url("ZEP_API_URL"),
                vars.text("ZEP_API_KEY"),
                vars.bool("AUDIT_LOG_ENABLED", false),
                vars.integer("DATA_RETENTION_DAYS", 90, 1),
                EntraSettings.from(vars),
                ServicePrincipal.from(vars),
                Duration.ofMillis(vars.integer("ENGRAM_GATEWAY_TIMEOUT_MS", 30_000, 100)),
                Duration.ofMillis(vars.integer("ENGRAM_ZEP_TIMEOUT_MS", 1_500, 50)),
                vars.text("ENGRAM_VERSION", "0.1.0"),
                ConnectivitySettings.from(vars),
                VoiceLimits.from(vars));
    }

    /**
     * Whether VoiceLive has an endpoint and a credential: an API key, or a token credential (a managed identity,
     * which Azure Container Apps announces through {@code IDENTITY_ENDPOINT}, or a service principal's
     * {@code AZURE_CLIENT_ID}/{@code AZURE_CLIENT_SECRET}/{@code AZURE_TENANT_ID}).
     */
    public boolean voiceLiveConfigured() {
        return voiceLiveEndpoint.isPresent() && (voiceLiveKey.isPresent() || tokenCredentialAvailable);
    }
}
