package dev.engram.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;

import dev.engram.support.Json;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.Map;

/** Single requests, the lowest layer: one chat call, one voice connect, one audio frame, one turn's end. */
final class Endpoints {
    static final Duration TURN_TIMEOUT = Duration.ofSeconds(30);

    private Endpoints() {}

    /** {@code POST /api/v1/chat} with the virtual user's agent, question and session id. */
    static HttpRequestActionBuilder chat(String name) {
        return http(name).post("/api/v1/chat")
                .body(StringBody(session -> Json.write(Map.of("content", session.getString("question"),
                        "agent_id", session.getString("agent"), "session_id", session.getString("session_id")))))
                .asJson()
                .check(status().is(200), jsonPath("$.content").exists(), jsonPath("$.session_id").is(session -> session.getString("session_id")));
    }

    /** {@code WS /api/v1/voice/voicelive/{session}}, ready once the agent is announced. */
    static ActionBuilder connectVoice() {
        return ws("voice: connect").connect(session -> "/api/v1/voice/voicelive/" + session.getString("session_id"))
                .await(Duration.ofSeconds(15)).on(ws.checkTextMessage("voice: agent announced")
                        .matching(jsonPath("$.type").is("agent_switched")));
    }

    /** One microphone frame; no check, as the browser expects no answer to a frame. */
    static ActionBuilder frame(String base64) {
        return ws("voice: frame").sendText("{\"type\":\"audio\",\"data\":\"" + base64 + "\"}");
    }

    /**
     * The end of an utterance (trailing silence) and the turn's answers: the user's complete transcription
     * (transcript lag), the first answer audio (time to first audio) and the assistant's complete transcript.
     * Each check's time runs from this frame, i.e. from the end of the user's speech.
     */
    static ActionBuilder endOfUtterance(String silenceBase64) {
        return ws("voice: end of utterance").sendText("{\"type\":\"audio\",\"data\":\"" + silenceBase64 + "\"}")
                .await(TURN_TIMEOUT).on(
                        ws.checkTextMessage("voice: transcript lag")
                                .matching(jsonPath("$[?(@.type == 'transcription' && @.status == 'complete' && @.speaker == 'user')]").exists()),
                        ws.checkTextMessage("voice: first audio").matching(jsonPath("$.type").is("audio")),
                        ws.checkTextMessage("voice: answer complete")
                                .matching(jsonPath("$[?(@.type == 'transcription' && @.status == 'complete' && @.speaker == 'assistant')]").exists()));
    }

    static ActionBuilder hangUp() {
        return ws("voice: close").close();
    }
}
