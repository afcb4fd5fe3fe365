package dev.engram.load;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.foreach;

import dev.engram.audio.FixtureRegistry;
import dev.engram.audio.Pcm16;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import io.gatling.javaapi.core.ChainBuilder;

/** User journeys, the middle layer: chatting, talking (real-time paced frames, several turns), and both in one session. */
final class Journeys {
    /** 4096 samples at 24 kHz, as the browser sends them. */
    static final int FRAME_SAMPLES = 4096;
    static final Duration FRAME_TIME = Duration.ofNanos(FRAME_SAMPLES * 1_000_000_000L / Pcm16.RATE);

    private static final String SENT = "sent";
    private static final String SPEECH_END = "speech_end";
    private static final List<String> QUESTIONS = List.of("What is the capital of France?", "Analyze requirements for CRM migration", "Hello");

    private Journeys() {}

    /** A virtual user's session id, one of the backend's agents and a question. */
    static ChainBuilder newUser(List<String> agents) {
        return exec(session -> session
                .set("session_id", "session-" + System.currentTimeMillis() + "-" + Long.toString(ThreadLocalRandom.current().nextLong(78364164096L, 2821109907455L), 36))
                .set("agent", agents.get(ThreadLocalRandom.current().nextInt(agents.size())))
                .set("question", QUESTIONS.get(ThreadLocalRandom.current().nextInt(QUESTIONS.size()))));
    }

    /** One chat, timed from its send: for a chat user of the open model, the moment the injection schedule started it. */
    static ChainBuilder chat(LoadFigures figures) {
        return exec(session -> session.markAsSucceeded().set(SENT, System.currentTimeMillis()))
                .group("chat").on(exec(Endpoints.chat("chat: send")))
                .exec(session -> {
                    figures.chat(session.getLong(SENT), !session.isFailed());
                    return session;
                });
    }

    /** Connect, then {@code turns} spoken turns, then hang up; each answered turn's time goes to the figures. */
    static ChainBuilder talk(int turns, LoadFigures figures) {
        List<String> frames = frames("capital-of-france");
        String silence = Base64.getEncoder().encodeToString(Pcm16.silence(1200).toBytes());
        return group("voice").on(
                exec(Endpoints.connectVoice())
                        .exec(repeat(turns).on(
                                foreach(frames, "frame").on(exec(Endpoints.frame("#{frame}")).pause(FRAME_TIME))
                                        .exec(session -> session.set(SPEECH_END, System.currentTimeMillis()))
                                        .exec(Endpoints.endOfUtterance(silence))
                                        .exec(session -> {
                                            if (!session.isFailed()) {
                                                figures.voiceTurn(session.getLong(SPEECH_END));
                                            }
                                            return session;
                                        })
                                        .pause(Duration.ofMillis(500))))
                        .exec(Endpoints.hangUp()))
                .exec(session -> {
                    figures.voiceSession(!session.isFailed());
                    return session;
                });
    }

    /** What the UI does: chat and voice sharing one session id. */
    static ChainBuilder mixed(LoadFigures figures) {
        return exec(chat(figures)).exec(talk(1, figures))
                .exec(session -> session.set("question", "What did I just ask?")).exec(chat(figures));
    }

    /** The fixture in browser-sized frames (the last one may be shorter), base64 encoded. */
    static List<String> frames(String fixture) {
        byte[] pcm = new FixtureRegistry(Path.of("audio-fixtures")).byId(fixture).audio().toBytes();
        List<String> out = new ArrayList<>();
        for (int offset = 0; offset < pcm.length; offset += FRAME_SAMPLES * 2) {
            out.add(Base64.getEncoder().encodeToString(Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + FRAME_SAMPLES * 2))));
        }
        return out;
    }
}
