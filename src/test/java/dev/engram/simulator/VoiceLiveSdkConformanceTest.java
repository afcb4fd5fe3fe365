package dev.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.ai.voicelive.VoiceLiveAsyncClient;
import com.azure.ai.voicelive.VoiceLiveClientBuilder;
import com.azure.ai.voicelive.VoiceLiveSessionAsyncClient;
import com.azure.ai.voicelive.models.AudioInputTranscriptionOptions;
import com.azure.ai.voicelive.models.AudioInputTranscriptionOptionsModel;
import com.azure.ai.voicelive.models.AzureStandardVoice;
import com.azure.ai.voicelive.models.InputAudioFormat;
import com.azure.ai.voicelive.models.InteractionModality;
import com.azure.ai.voicelive.models.ServerVadTurnDetection;
import com.azure.ai.voicelive.models.SessionUpdate;
import com.azure.ai.voicelive.models.SessionUpdateConversationItemInputAudioTranscriptionCompleted;
import com.azure.ai.voicelive.models.SessionUpdateResponseAudioDelta;
import com.azure.ai.voicelive.models.SessionUpdateResponseDone;
import com.azure.ai.voicelive.models.VoiceLiveSessionOptions;
import com.azure.core.credential.KeyCredential;
import com.azure.core.util.BinaryData;
import dev.engram.audio.FixtureRegistry;
import dev.engram.audio.Pcm16;
import dev.engram.simulator.voicelive.VoiceLiveSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Flux;

/** The official azure-ai-voicelive SDK, with nothing between it and the simulator, completes full voice turns. */
class VoiceLiveSdkConformanceTest {
    private static final List<String> TURN = List.of(
            "input_audio_buffer.speech_started", "input_audio_buffer.speech_stopped", "input_audio_buffer.committed",
            "conversation.item.created", "conversation.item.input_audio_transcription.delta",
            "conversation.item.input_audio_transcription.completed", "response.created", "response.output_item.added",
            "conversation.item.created", "response.content_part.added", "response.audio_transcript.delta",
            "response.audio.delta", "response.audio.done", "response.audio_transcript.done",
            "response.content_part.done", "response.output_item.done", "response.done");

    private final VoiceLiveSimulator simulator = VoiceLiveSimulator.start("sdk-key");
    private final List<SessionUpdate> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        simulator.close();
    }

    @ParameterizedTest
    @CsvSource({"'',capital-of-france", "/api/projects/engram,requirements-dictation", "'',hello"})
    void aServerVadTurnParsesInFullAndInProtocolOrder(String projectPath, String fixture) throws Exception {
        VoiceLiveAsyncClient client = new VoiceLiveClientBuilder()
                .endpoint(simulator.endpoint() + projectPath)
                .credential(new KeyCredential("sdk-key"))
                .buildAsyncClient();
        VoiceLiveSessionAsyncClient session = client.startSession("gpt-realtime").block(Duration.ofSeconds(10));
        session.receiveEvents().subscribe(events::add);
        session.configureSession(new VoiceLiveSessionOptions()
                .setModalities(List.of(InteractionModality.TEXT, InteractionModality.AUDIO))
                .setVoice(BinaryData.fromObject(new AzureStandardVoice("en-US-Andrew:DragonHDLatestNeural")))
                .setInstructions("You are Marcus Chen, Engram's project manager.")
                .setInputAudioFormat(InputAudioFormat.PCM16)
                .setTurnDetection(new ServerVadTurnDetection().setSilenceDurationMs(500))
                .setInputAudioTranscription(new AudioInputTranscriptionOptions(AudioInputTranscriptionOptionsModel.AZURE_SPEECH)))
                .block(Duration.ofSeconds(10));

        Pcm16 speech = new FixtureRegistry(Path.of("audio-fixtures")).byId(fixture).audio().append(Pcm16.silence(900));
        byte[] pcm = speech.toBytes();
        Flux.range(0, (pcm.length + 8191) / 8192)
                .concatMap(i -> session.sendInputAudio(Arrays.copyOfRange(pcm, i * 8192, Math.min(pcm.length, (i + 1) * 8192))))
                .blockLast(Duration.ofSeconds(20));

        awaitEvent(SessionUpdateResponseDone.class);
        List<String> types = events.stream()
                .sorted(Comparator.comparing(SessionUpdate::getEventId))
                .map(e -> e.getType().toString()).toList();
        assertEquals("session.created", types.get(0));
        assertEquals("session.updated", types.get(1));
        assertInOrder(types.subList(2, types.size()));
        events.forEach(e -> assertFalse(e.getClass() == SessionUpdate.class && !e.getType().toString().equals("rate_limits.updated"),
                "an event parsed only as the base class: " + e.getType()));

        String transcript = events.stream().filter(SessionUpdateConversationItemInputAudioTranscriptionCompleted.class::isInstance)
                .map(e -> ((SessionUpdateConversationItemInputAudioTranscriptionCompleted) e).getTranscript()).findFirst().orElseThrow();
        assertEquals(new FixtureRegistry(Path.of("audio-fixtures")).byId(fixture).transcript(), transcript);
        int audioBytes = events.stream().filter(SessionUpdateResponseAudioDelta.class::isInstance)
                .mapToInt(e -> ((SessionUpdateResponseAudioDelta) e).getDelta().length).sum();
        assertTrue(audioBytes > Pcm16.BYTES_PER_MS * 1000, "at least a second of answer speech, got " + audioBytes + " bytes");
        SessionUpdateResponseDone done = (SessionUpdateResponseDone) events.stream().filter(SessionUpdateResponseDone.class::isInstance).findFirst().orElseThrow();
        assertEquals("completed", done.getResponse().getStatus().toString());
        session.closeAsync().block(Duration.ofSeconds(5));
    }

    private void assertInOrder(List<String> types) {
        int next = 0;
        for (String type : types) {
            if (next < TURN.size() && type.equals(TURN.get(next))) {
                next++;
            } else if (next > 0 && type.equals(TURN.get(next - 1))) {
                continue; // repeated deltas
            } else if (!type.equals("rate_limits.updated") && !TURN.contains(type)) {
                throw new AssertionError("unexpected event " + type + " in " + types);
            }
        }
        assertEquals(TURN.size(), next, "the turn's events, in protocol order, in " + types);
    }

    private void awaitEvent(Class<? extends SessionUpdate> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        synchronized (events) {
            while (events.stream().noneMatch(type::isInstance)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no " + type.getSimpleName() + " within 20 s; got " + events.stream().map(e -> e.getType().toString()).toList());
                }
                events.wait(50);
            }
        }
    }
}
