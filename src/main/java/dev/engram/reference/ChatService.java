package dev.engram.reference;

import dev.engram.support.Ids;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One chat turn: persona, memory enrichment from Zep, the gateway call, then persistence back to Zep. */
public final class ChatService {
    private final GatewayClient gateway;
    private final ZepClient zep;

    public ChatService(GatewayClient gateway, ZepClient zep) {
        this.gateway = gateway;
        this.zep = zep;
    }

    public Map<String, Object> chat(Principal principal, ChatRequest request) {
        long started = System.nanoTime();
        String sessionId = request.sessionId().orElseGet(ChatService::newSessionId);
        ZepClient.Memory memory = request.sessionId().isPresent() ? zep.recall(sessionId, principal.userId(), request.content())
                : zep.recallForNewSession(principal.userId(), request.content()); // a session minted now has no turns yet
        GatewayClient.Completion completion = gateway.complete(systemPrompt(request.agent(), memory), request.content());
        zep.persistInBackground(sessionId, principal.userId(), List.of(
                new ZepClient.Turn("user", request.content(), request.agent().id(), "chat"),
                new ZepClient.Turn("assistant", completion.content(), request.agent().id(), "chat")));

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("message_id", "msg-" + Ids.uuid());
        response.put("content", completion.content());
        response.put("agent_id", request.agent().id());
        response.put("agent_name", request.agent().name());
        response.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        response.put("tokens_used", completion.totalTokens());
        response.put("latency_ms", (System.nanoTime() - started) / 1_000_000);
        response.put("session_id", sessionId);
        return response;
    }

    static String systemPrompt(Agent agent, ZepClient.Memory memory) {
        StringBuilder prompt = new StringBuilder(agent.persona());
        if (!memory.facts().isEmpty()) {
            prompt.append("\n\nKnown facts about the user:");
            memory.facts().forEach(fact -> prompt.append("\n- ").append(fact));
        }
        if (!memory.recentTurns().isEmpty()) {
            prompt.append("\n\nConversation so far in this session:");
            memory.recentTurns().forEach(turn -> prompt.append('\n').append(turn));
        }
        return prompt.toString();
    }

    /** Upstream's shape: {@code session-<epoch ms>-<7 base36 chars>}. */
    static String newSessionId() {
        String random = Long.toString(Math.abs(Ids.uuid().getMostSignificantBits()), 36);
        return "session-" + System.currentTimeMillis() + "-" + (random + "0000000").substring(0, 7);
    }
}
