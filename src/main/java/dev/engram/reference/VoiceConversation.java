package dev.engram.reference;

import com.azure.ai.voicelive.VoiceLiveSessionAsyncClient;
import com.azure.ai.voicelive.models.SessionUpdate;
import dev.engram.reference.UserTurnStatus.Stage;
import com.azure.ai.voicelive.models.SessionUpdateConversationItemInputAudioTranscriptionCompleted;
import com.azure.ai.voicelive.models.SessionUpdateConversationItemInputAudioTranscriptionDelta;
import com.azure.ai.voicelive.models.SessionUpdateInputAudioBufferSpeechStarted;
import com.azure.ai.voicelive.models.SessionUpdateInputAudioBufferSpeechStopped;
import com.azure.ai.voicelive.models.SessionUpdateError;
import com.azure.ai.voicelive.models.SessionUpdateResponseAudioDelta;
import com.azure.ai.voicelive.models.SessionUpdateResponseAudioTranscriptDelta;
import com.azure.ai.voicelive.models.SessionUpdateResponseAudioTranscriptDone;
import com.azure.ai.voicelive.models.SessionUpdateResponseTextDelta;
import com.azure.ai.voicelive.models.SessionUpdateResponseTextDone;
import com.azure.core.util.BinaryData;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser voice socket (SOP 10.2) bridged to one VoiceLive session. Client messages are validated and relayed
 * in order; VoiceLive events are mapped to the SOP's server messages; each finished assistant response persists the
 * turns to Zep in the background (SOP 1.1 "Voice transcripts → Zep").
 */
final class VoiceConversation {
    /** What the conversation needs from the socket it serves. */
    interface Client {
        void send(Map<String, Object> message);

        /** A message already written as JSON. */
        void sendJson(String json);

        void close(int code, String reason);
    }

    static final int MAX_MESSAGE_CHARS = BrowserFrame.MAX_CHARS;
    private static final Logger LOG = LoggerFactory.getLogger(VoiceConversation.class);

    private final String sessionId;
    private final Principal principal;
    private final Agents agents;
    private final Client client;
    private final ZepClient zep;
    private final Executor background;
    private final Runnable onEnd;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CompletableFuture<VoiceLiveSessionAsyncClient> voiceLive = new CompletableFuture<>();
    private CompletableFuture<Void> outbound = CompletableFuture.completedFuture(null);
    private volatile Agent agent;
    private final VoiceTurns turns = new VoiceTurns();
    private final UserTurnStatus userTurn = new UserTurnStatus();

    /** Watches responses in flight for VoiceLive going silent; one small thread for every conversation. */
    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "voice-stall-watchdog");
        t.setDaemon(true);
        return t;
    });
    private final java.time.Duration stallAfter;
    private final java.util.Optional<java.net.URI> speechContainer;
    private volatile SpeechContainerClient transcriber;
    private volatile java.util.concurrent.ScheduledFuture<?> stallCheck;

    VoiceConversation(String sessionId, Principal principal, Agent agent, Agents agents, Client client, ZepClient zep,
                      Executor background, Runnable onEnd, java.time.Duration stallAfter, java.util.Optional<java.net.URI> speechContainer) {
        this.stallAfter = stallAfter;
        this.speechContainer = speechContainer;
        this.sessionId = sessionId;
        this.principal = principal;
        this.agent = agent;
        this.agents = agents;
        this.client = client;
        this.zep = zep;
        this.background = background;
        this.onEnd = onEnd;
    }

    /**
     * Opens the VoiceLive session with retry and backoff. While the voice path is known to be down, a session fails at
     * once naming the cause (graceful degradation: chat keeps working) and the link is re-probed in the background.
     */
    void start(VoiceLiveConnector connector, VoiceLink link, Runnable recover) {
        String problem = connector.misconfiguration();
        if (problem != null) {
            fail(problem);
            return;
        }
        speechContainer.ifPresent(host -> transcriber = SpeechContainerClient.open(host, this::userSaid, this::fail));
        java.util.Optional<String> down = link.down();
        if (down.isPresent()) {
            recover.run();
            fail("Failed to establish WebSocket connection: VoiceLive is unreachable (" + down.get()
                    + "); chat keeps working, and voice recovers once the endpoint answers");
            return;
        }
        connector.open(link)
                .doOnError(error -> recover.run())
                .flatMap(session -> {
                    OrderedVoiceLiveEvents.of(session).subscribe(this::relay,
                            error -> fail("VoiceLive event stream failed: " + describe(error)),
                            () -> fail("VoiceLive closed the session"));
                    return session.configureSession(VoiceLiveConnector.optionsFor(agent, speechContainer.isEmpty())).thenReturn(session);
                })
                .subscribe(session -> {
                    voiceLive.complete(session);
                    client.send(message("type", "agent_switched", "agent_id", agent.id()));
                }, error -> fail("Failed to establish WebSocket connection: " + describe(error)));
    }

    /** One client frame. Bad frames answer an {@code error} message; the socket stays usable. */
    synchronized void receive(String frame) {
        BrowserFrame parsed = BrowserFrame.parse(frame);
        if (parsed instanceof BrowserFrame.Audio audio) {
            audio(audio);
        } else if (parsed instanceof BrowserFrame.SwitchAgent to) {
            switchAgent(to.agentId());
        } else if (parsed instanceof BrowserFrame.Cancel) {
            relayToVoiceLive(VoiceLiveSessionAsyncClient::cancelResponse);
        } else if (parsed instanceof BrowserFrame.Invalid invalid) {
            error(invalid.error());
        }
    }

    private void audio(BrowserFrame.Audio audio) {
        // the SDK's sendInputAudio would base64-encode the samples the browser sent as base64: pass them through as the
        // same input_audio_buffer.append event (the base64 alphabet needs no JSON escaping)
        BinaryData append = BinaryData.fromString("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + audio.base64() + "\"}");
        relayToVoiceLive(session -> session.send(append));
        SpeechContainerClient container = transcriber;
        if (container != null) {
            container.audio(audio.pcm()); // SPEECH_CONTAINER_MODE: the Speech container transcribes the user
        }
    }

    private void switchAgent(JsonNode id) {
        Agent next = id.isTextual() ? agents.find(id.asText()).orElse(null) : null;
        if (next == null) {
            error("unknown agent '" + ChatRequest.echo(id.asText("")) + "'; known agents: " + String.join(", ", agents.ids())
                    + "; staying with " + agent.id());
            return;
        }
        relayToVoiceLive(session -> session.configureSession(VoiceLiveConnector.optionsFor(next, speechContainer.isEmpty()))
                .doOnSuccess(ignored -> {
                    agent = next;
                    client.send(message("type", "agent_switched", "agent_id", next.id()));
                }));
    }

    /**
     * Relays in arrival order, once the VoiceLive session is ready; the SDK refuses overlapping sends. Called from the
     * browser's socket and from the stall watchdog, so the chain is extended under a lock.
     */
    private synchronized void relayToVoiceLive(java.util.function.Function<VoiceLiveSessionAsyncClient, reactor.core.publisher.Mono<Void>> call) {
        outbound = outbound
                .thenCompose(ignored -> voiceLive)
                .thenCompose(session -> call.apply(session).toFuture())
                .exceptionally(error -> {
                    if (!ended.get()) {
                        error("VoiceLive refused the message: " + describe(error));
                    }
                    return null;
                });
    }

    private void relay(OrderedVoiceLiveEvents.Event received) {
        watchForStall(received.type());
        if (received instanceof OrderedVoiceLiveEvents.AudioDelta audio) {
            client.sendJson(audioMessage(audio.base64()));
        } else {
            relayModelled(((OrderedVoiceLiveEvents.Modelled) received).update());
        }
    }

    private void relayModelled(SessionUpdate event) {
        switch (event.getType().toString()) {
            case "input_audio_buffer.speech_started" -> userTurn(((SessionUpdateInputAudioBufferSpeechStarted) event).getItemId(), Stage.LISTENING, null);
            case "input_audio_buffer.speech_stopped" -> userTurn(((SessionUpdateInputAudioBufferSpeechStopped) event).getItemId(), Stage.PROCESSING, null);
            case "conversation.item.input_audio_transcription.delta" -> {
                var delta = (SessionUpdateConversationItemInputAudioTranscriptionDelta) event;
                userTurn(delta.getItemId(), Stage.PROCESSING, delta.getDelta());
            }
            case "conversation.item.input_audio_transcription.completed" -> {
                var completed = (SessionUpdateConversationItemInputAudioTranscriptionCompleted) event;
                userTurn(completed.getItemId(), Stage.COMPLETE, completed.getTranscript());
            }
            case "conversation.item.input_audio_transcription.failed" -> error("the speech could not be transcribed");
            case "response.audio.delta" -> client.sendJson(audioMessage(Base64.getEncoder().encodeToString(((SessionUpdateResponseAudioDelta) event).getDelta())));
            case "response.text.delta" -> client.send(transcription("processing", ((SessionUpdateResponseTextDelta) event).getDelta(), "assistant"));
            case "response.audio_transcript.delta" -> client.send(transcription("processing",
                    ((SessionUpdateResponseAudioTranscriptDelta) event).getDelta(), "assistant"));
            case "response.text.done" -> assistantSaid(((SessionUpdateResponseTextDone) event).getText(), true);
            case "response.audio_transcript.done" -> assistantSaid(((SessionUpdateResponseAudioTranscriptDone) event).getTranscript(), false);
            case "response.done" -> responseDone();
            case "error" -> {
                SessionUpdateError e = (SessionUpdateError) event;
                error("VoiceLive: " + (e.getError() == null ? "error" : e.getError().getMessage()));
            }
            default -> { }
        }
    }

    /**
     * A response in flight must keep moving: each of its events re-arms a check, {@code response.done} disarms it. When
     * VoiceLive goes silent for {@code stallAfter}, the browser is told and the response cancelled, so nobody waits forever.
     */
    private void watchForStall(String type) {
        java.util.concurrent.ScheduledFuture<?> previous = stallCheck;
        if (previous != null) {
            previous.cancel(false);
        }
        boolean inFlight = type.startsWith("response.") && !type.equals("response.done");
        stallCheck = inFlight && !ended.get() ? WATCHDOG.schedule(this::stalled, stallAfter.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) : null;
    }

    private void stalled() {
        if (ended.get()) {
            return;
        }
        LOG.warn("voice session {}: VoiceLive sent nothing for {} ms in the middle of a response; cancelling it", sessionId, stallAfter.toMillis());
        // the cancel is queued before the browser hears of it: audio the user sends in answer goes after the cancel
        relayToVoiceLive(VoiceLiveSessionAsyncClient::cancelResponse);
        error("VoiceLive stopped in the middle of the response (nothing for " + stallAfter.toMillis() + " ms); the response was cancelled, please ask again");
    }

    /** Announces the user turn's stages this event reaches, in SOP order; the event's own stage carries its text, if any. */
    private void userTurn(String itemId, Stage stage, String text) {
        for (Stage each : userTurn.reach(itemId, stage)) {
            if (each == Stage.COMPLETE) {
                userSaid(text);
            } else {
                String status = each.name().toLowerCase(java.util.Locale.ROOT);
                client.send(each == stage && text != null ? transcription(status, text, "user") : message("type", "transcription", "status", status));
            }
        }
    }

    private void userSaid(String transcript) {
        client.send(transcription("complete", transcript, "user"));
        turns.user(transcript, agent.id());
    }

    private void assistantSaid(String text, boolean preferred) {
        client.send(transcription("complete", text, "assistant"));
        turns.assistant(text, preferred);
    }

    private void responseDone() {
        List<ZepClient.Turn> done = turns.responseDone(agent.id());
        if (!done.isEmpty()) {
            background.execute(() -> zep.persist(sessionId, principal.userId(), done));
        }
    }

    private void error(String text) {
        client.send(message("type", "error", "message", text));
    }

    /** Reports why the voice session cannot go on, then closes the socket cleanly. */
    void fail(String reason) {
        if (ended.get()) {
            return;
        }
        LOG.warn("voice session {} ends: {}", sessionId, reason);
        error(reason);
        end(); // counted out before the client can see the close
        client.close(1011, reason.length() > 120 ? reason.substring(0, 120) : reason);
    }

    /** The socket closed, whichever side closed it: release the VoiceLive session once. */
    void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        java.util.concurrent.ScheduledFuture<?> check = stallCheck;
        if (check != null) {
            check.cancel(false);
        }
        SpeechContainerClient container = transcriber;
        if (container != null) {
            container.close();
        }
        voiceLive.thenAccept(session -> session.closeAsync().subscribe(ignored -> { }, error -> { }));
        voiceLive.cancel(false);
        onEnd.run();
    }

    private static Map<String, Object> transcription(String status, String text, String speaker) {
        return message("type", "transcription", "status", status, "text", text, "speaker", speaker);
    }

    /** SOP 10.2's audio message, written directly: base64 needs no JSON escaping, and every answer frame is one. */
    static String audioMessage(String base64) {
        return "{\"type\":\"audio\",\"data\":\"" + base64 + "\",\"format\":\"audio/pcm16\"}";
    }

    private static Map<String, Object> message(Object... keyValues) {
        Map<String, Object> message = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            message.put((String) keyValues[i], keyValues[i + 1]);
        }
        return message;
    }

    private static String describe(Throwable error) {
        java.util.Optional<Throwable> certificate = CertificateFailure.in(error);
        if (certificate.isPresent()) {
            return "TLS handshake failed: the endpoint's certificate is not trusted (" + certificate.get().getClass().getSimpleName() + ")";
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root && (root instanceof java.util.concurrent.CompletionException
                || root.getMessage() == null)) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replaceAll("(?i)(api-key|key|token)=[^&\\s]+", "$1=***");
    }
}
