package dev.engram.reference;

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

    Mono<VoiceLiveSessionAsyncClient> open() {
        VoiceLiveClientBuilder builder = new VoiceLiveClientBuilder()
                .endpoint(settings.voiceLiveEndpoint().orElseThrow().toString())
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
