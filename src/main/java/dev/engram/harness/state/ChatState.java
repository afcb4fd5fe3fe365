package dev.engram.harness.state;

import dev.engram.harness.client.ApiResponse;
import dev.engram.support.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A user's chat: the session it is in and the replies it got. */
public final class ChatState {
    private final ApiState api;
    private final ScenarioContext scenario;
    private String sessionId;
    private ApiResponse lastReply;

    public ChatState(ApiState api, ScenarioContext scenario) {
        this.api = api;
        this.scenario = scenario;
    }

    /** Sends one message; {@code sessionId} empty means "let the server create one". */
    public ApiResponse ask(String agentId, String content, Optional<String> session) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("content", scenario.expand(content));
        body.put("agent_id", agentId);
        session.ifPresent(id -> body.put("session_id", id));
        lastReply = api.record(api.api().postJson("/api/v1/chat", Json.write(body)));
        if (lastReply.status() == 200 && lastReply.chatReply().hasSession()) {
            sessionId = lastReply.chatReply().sessionId();
        }
        return lastReply;
    }

    public Optional<String> session() {
        return Optional.ofNullable(sessionId);
    }

    public String requireSession() {
        if (sessionId == null) {
            throw new IllegalStateException("no chat session yet: an earlier step must have chatted successfully");
        }
        return sessionId;
    }

    public ApiResponse lastReply() {
        if (lastReply == null) {
            throw new IllegalStateException("no chat message has been sent yet in this scenario");
        }
        return lastReply;
    }

    public String replyText() {
        return lastReply().chatReply().content();
    }
}
