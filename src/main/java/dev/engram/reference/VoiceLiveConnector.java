package dev.engram.reference;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import com.azure.ai.voicelive.VoiceLiveAsyncClient;
import com.azure.ai.voicelive.VoiceLiveClientBuilder;
import com.azure.ai.voicelive.VoiceLiveServiceVersion;
import com.azure.ai.voicelive.VoiceLiveSessionAsyncClient;
import com.azure.ai.voicelive.models.AudioInputTranscriptionOptions;
import com.azure.ai.voicelive.models.AudioInputTranscriptionOptionsModel;
import com.azure.ai.voicelive.models.AzureStandardVoice;
import com.azure.ai.voicelive.models.InputAudioFormat;
import com.azure.ai.voicelive.models.InteractionModality;
import com.azure.ai.voicelive.models.OutputAudioFormat;
import com.azure.ai.voicelive.models.ServerVadTurnDetection;
import com.azure.ai.voicelive.models.VoiceLiveSessionOptions;
import com.azure.core.credential.KeyCredential;
import com.azure.core.util.BinaryData;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Opens VoiceLive sessions through the official {@code azure-ai-voicelive} SDK, configured as upstream Engram
 * configures them (server VAD 0.6 / 300 ms / 800 ms, azure-speech transcription, PCM16 both ways).
 */
final class VoiceLiveConnector {
    private final EngramSettings settings;

    VoiceLiveConnector(EngramSettings settings) {
        this.settings = settings;
    }

    /** Why a voice session cannot start, in the SOP 9.1 symptom's words; null when it can. */
    String misconfiguration() {
        if (!settings.connectivity().voiceLiveEnabled()) {
            return "Voice Live is disabled (VOICE_LIVE_ENABLED=false); chat keeps working";
        }
        if (settings.voiceLiveEndpoint().isEmpty()) {
            return "VoiceLive is not configured: voicelive_configured is false; set AZURE_VOICELIVE_ENDPOINT";
        }
        if (settings.voiceLiveKeySetButEmpty() && !settings.tokenCredentialAvailable()) {
            return "key must be a string: AZURE_VOICELIVE_KEY is empty; set it, or use Managed Identity auth";
        }
        if (settings.voiceLiveKey().isEmpty() && !settings.tokenCredentialAvailable()) {
            return "no VoiceLive credential: set AZURE_VOICELIVE_KEY, or use Managed Identity auth";
        }
        return null;
    }

    /** The realtime URL a session opens, for logs and the connectivity test. */
    URI realtimeUri() {
        String base = sessionEndpoint().replaceFirst("^http", "ws");
        return URI.create(base + "/voice-live/realtime?api-version=" + settings.voiceLiveApiVersion() + "&model=" + settings.voiceLiveModel());
    }

    /**
     * The endpoint sessions open: the resource's, or with {@code AZURE_VOICELIVE_PROJECT_NAME} (SOP 1.1, the
     * playground reference) its Foundry project's, {@code /api/projects/<name>}.
     */
    private String sessionEndpoint() {
        String base = settings.voiceLiveEndpoint().orElseThrow().toString().replaceAll("/+$", "");
        return settings.voiceLiveProjectName().map(name -> base + "/api/projects/" + name).orElse(base);
    }

    /** The credential header a session sends: {@code api-key}, or a bearer token from the identity. */
    Map<String, String> handshakeHeaders() {
        if (settings.voiceLiveKey().isPresent()) {
            return Map.of("api-key", settings.voiceLiveKey().get());
        }
        try {
            String token = tokenCredential().getTokenSync(new com.azure.core.credential.TokenRequestContext()
                    .addScopes("https://cognitiveservices.azure.com/.default")).getToken();
            return Map.of("Authorization", "Bearer " + token);
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    /**
     * Opens a session with the guide's retry: at most {@link ConnectivitySettings#MAX_ATTEMPTS} attempts, each bounded
     * by the connect timeout, spaced by exponential backoff (250 ms doubling, 20 % jitter, at most 4 s). A refused
     * credential is never retried. Outside a container a refused connection fails at once (nothing listens, and a
     * retry will not change that); in a container (CONTAINER_APP_NAME) every failure is retried, since the guide's
     * cold starts and sidecars come up late. Each state goes to the link.
     */
    Mono<VoiceLiveSessionAsyncClient> open(VoiceLink link) {
        java.util.concurrent.atomic.AtomicInteger attempt = new java.util.concurrent.atomic.AtomicInteger();
        String url = ConnectivityProbe.mask(realtimeUri());
        Duration timeout = settings.connectivity().connectTimeout();
        return Mono.defer(() -> {
                    int n = attempt.incrementAndGet();
                    if (n == 1) {
                        link.connecting(n, url);
                    }
                    return open().timeout(timeout, Mono.error(() -> new java.util.concurrent.TimeoutException(
                            "Connection timeout after " + timeout.toMillis() + " ms")));
                })
                .retryWhen(reactor.util.retry.Retry.backoff(ConnectivitySettings.MAX_ATTEMPTS - 1, Duration.ofMillis(250))
                        .maxBackoff(Duration.ofSeconds(4)).jitter(0.2)
                        .filter(this::retryable)
                        .doBeforeRetry(signal -> link.reconnecting(attempt.get() + 1, describe(signal.failure())))
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .doOnSuccess(session -> link.connected(attempt.get()))
                .doOnError(error -> link.failed(attempt.get(), describe(error)));
    }

    private boolean retryable(Throwable error) {
        String text = describe(error);
        if (text.contains("401") || text.contains("403")) {
            return false;
        }
        return settings.connectivity().inContainer() || !text.contains("Connection refused");
    }

    /** The guide's status words for a failed attempt. */
    static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (error instanceof java.util.concurrent.TimeoutException || root instanceof java.util.concurrent.TimeoutException) {
            return "Error (Connection timeout)";
        }
        if (root instanceof java.net.ConnectException) {
            return "Error (Connection refused)";
        }
        if (root instanceof java.net.UnknownHostException) {
            return "Error (DNS)";
        }
        String message = String.valueOf(root.getMessage());
        java.util.regex.Matcher status = java.util.regex.Pattern.compile("\\b(40[13])\\b").matcher(message);
        return status.find() ? "Error (" + status.group(1) + ")" : "Error (" + message.replaceAll("(?i)(api-key|key|token)=[^&\\s]+", "$1=***") + ")";
    }

    Mono<VoiceLiveSessionAsyncClient> open() {
        VoiceLiveClientBuilder builder = new VoiceLiveClientBuilder()
                .endpoint(sessionEndpoint())
                .serviceVersion(serviceVersion(settings.voiceLiveApiVersion()));
        if (settings.voiceLiveKey().isPresent()) {
            builder.credential(new KeyCredential(settings.voiceLiveKey().get()));
        } else {
            builder.credential(tokenCredential());
        }
        VoiceLiveAsyncClient client = builder.buildAsyncClient();
        return client.startSession(settings.voiceLiveModel());
    }

    private volatile com.azure.core.credential.TokenCredential credential;

    /**
     * Token mode (managed identity preferred by the SOP): a service principal when SOP 4.3's AZURE_CLIENT_* are set
     * (also how a local run signs in against the Entra ID fake), else the managed identity, else DefaultAzureCredential.
     */
    private com.azure.core.credential.TokenCredential tokenCredential() {
        if (credential == null) {
            credential = settings.servicePrincipal().<com.azure.core.credential.TokenCredential>map(sp ->
                    dev.engram.identity.EntraTokens.servicePrincipal(sp.authorityHost().orElse("https://login.microsoftonline.com"),
                            sp.tenantId(), sp.clientId(), sp.clientSecret(), sp.caBundle().map(java.io.File::new).orElse(null)))
                    .orElseGet(() -> new com.azure.identity.DefaultAzureCredentialBuilder().build());
        }
        return credential;
    }

    /** The session for an agent; without VoiceLive's own input transcription when the Speech container transcribes. */
    static VoiceLiveSessionOptions optionsFor(Agent agent, boolean transcribeInput) {
        VoiceLiveSessionOptions options = optionsFor(agent);
        return transcribeInput ? options : options.setInputAudioTranscription(null);
    }

    static VoiceLiveSessionOptions optionsFor(Agent agent) {
        return new VoiceLiveSessionOptions()
                .setModalities(List.of(InteractionModality.TEXT, InteractionModality.AUDIO))
                .setInstructions(agent.persona())
                .setVoice(BinaryData.fromObject(new AzureStandardVoice(agent.voice())))
                .setInputAudioFormat(InputAudioFormat.PCM16)
                .setOutputAudioFormat(OutputAudioFormat.PCM16)
                .setTurnDetection(new ServerVadTurnDetection().setThreshold(0.6).setPrefixPaddingMs(300).setSilenceDurationMs(800))
                .setInputAudioTranscription(new AudioInputTranscriptionOptions(AudioInputTranscriptionOptionsModel.AZURE_SPEECH));
    }

    static VoiceLiveServiceVersion serviceVersion(String apiVersion) {
        for (VoiceLiveServiceVersion version : VoiceLiveServiceVersion.values()) {
            if (version.getVersion().equals(apiVersion)) {
                return version;
            }
        }
        throw new ConfigurationException("AZURE_VOICELIVE_API_VERSION must be one the SDK speaks ("
                + java.util.Arrays.stream(VoiceLiveServiceVersion.values()).map(VoiceLiveServiceVersion::getVersion).toList()
                + "), got '" + apiVersion + "'");
    }
}
