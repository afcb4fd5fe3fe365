package dev.engram.harness.state;

import dev.engram.harness.client.VoiceMessage;
import dev.engram.audio.Fixture;
import dev.engram.audio.FixtureRegistry;
import dev.engram.audio.Pcm16;
import dev.engram.harness.client.VoiceSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/** One user's voice socket in a scenario: the session id, the fixtures spoken, and where the current turn began. */
public final class VoiceState implements AutoCloseable {
    public static final Duration TURN_TIMEOUT = Duration.ofSeconds(20);
    private static final FixtureRegistry FIXTURES = FixtureRegistry.fromDefaultLocation();

    private final ScenarioContext scenario;
    private VoiceSocket socket;
    private String sessionId;
    private int turnStart;
    private int turnAudioStart;
    private Fixture lastSpoken;

    public VoiceState(ScenarioContext scenario) {
        this.scenario = scenario;
    }

    public static FixtureRegistry fixtures() {
        return FIXTURES;
    }

    /** Upstream's session id shape: {@code session-<epoch ms>-<7 base36 chars>}. */
    public String open() {
        sessionId = "session-" + System.currentTimeMillis() + "-"
                + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36 * 36), 36);
        socket = VoiceSocket.open(scenario.target().api(), sessionId, scenario.target().bearerToken(), Duration.ofSeconds(10));
        turnStart = 0;
        return sessionId;
    }

    public VoiceSocket socket() {
        if (socket == null) {
            throw new IllegalStateException("no voice session is open in this scenario");
        }
        return socket;
    }

    public String sessionId() {
        socket();
        return sessionId;
    }

    public void markTurn() {
        turnStart = socket().size();
        turnAudioStart = socket().audioReceived().length;
    }

    public void say(String fixtureId, boolean realTime) {
        lastSpoken = FIXTURES.byId(fixtureId);
        markTurn();
        socket().speak(lastSpoken.audio().append(Pcm16.silence(1200)), realTime);
    }

    public Fixture lastSpoken() {
        if (lastSpoken == null) {
            throw new IllegalStateException("nothing has been spoken yet in this scenario");
        }
        return lastSpoken;
    }

    public VoiceMessage await(Predicate<VoiceMessage> wanted, String what) {
        return socket().message(socket().await(turnStart, wanted, TURN_TIMEOUT, what));
    }

    public int turnStart() {
        return turnStart;
    }

    /** The answer audio received since the current turn began. */
    public Pcm16 turnAudio() {
        byte[] all = socket().audioReceived();
        return Pcm16.fromBytes(Arrays.copyOfRange(all, turnAudioStart, all.length), Pcm16.RATE);
    }

    /**
     * This scenario's per-turn latencies as JSON, when a turn happened on its socket; with the simulators, the
     * backend's truncations of interrupted answers as VoiceLive received them.
     */
    public java.util.Optional<String> metrics() {
        if (socket == null) {
            return java.util.Optional.empty();
        }
        var turns = dev.engram.harness.client.TurnMetrics.of(socket.receivedFrom(0), socket.sent());
        if (turns.stream().anyMatch(t -> t.audioHeardMs() != null) && scenario.simulators().isPresent()) { // an interrupted answer
            java.util.List<Long> truncations = scenario.voiceLiveFrames().stream()
                    .filter(f -> f.in() && f.type().equals("conversation.item.truncate"))
                    .map(f -> dev.engram.harness.client.TurnMetrics.audioEndMs(f.text())).toList();
            turns = dev.engram.harness.client.TurnMetrics.of(socket.receivedFrom(0), socket.sent(), truncations);
        }
        return turns.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(dev.engram.support.Json.write(turns));
    }

    /** The user's transcription statuses since the turn began, repeats folded: listening, processing, complete. */
    public List<String> userStatusesThisTurn() {
        List<String> statuses = new ArrayList<>();
        socket().messagesFrom(turnStart).stream()
                .filter(m -> m.is("transcription") && m.fromUser())
                .map(VoiceMessage::status)
                .forEach(s -> {
                    if (statuses.isEmpty() || !statuses.get(statuses.size() - 1).equals(s)) {
                        statuses.add(s);
                    }
                });
        return statuses;
    }

    /** Whether every audio message of the turn is {@code {"data": base64, "format": "audio/pcm16"}}. */
    public boolean audioWellFormedThisTurn() {
        return socket().messagesFrom(turnStart).stream().filter(VoiceMessage::isAudio)
                .allMatch(m -> m.format().equals("audio/pcm16") && m.raw().path("data").isTextual());
    }

    public String seen() {
        return socket().summary(turnStart);
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
        }
    }
}
