package dev.engram.reference;

import io.javalin.config.JavalinConfig;
import io.javalin.websocket.WsConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code WS /api/v1/voice/voicelive/{session_id}} (SOP 10.1, 10.2): one {@link VoiceConversation} per socket.
 * {@code active_sessions} counts open sockets and returns to 0 whichever side ends them.
 */
final class VoiceSockets implements AutoCloseable {
    static final String PATH = "/api/v1/voice/voicelive/{session_id}";
    private static final String PRINCIPAL = "engram-principal";

    private final Agents agents;
    private final Authenticator authenticator;
    private final ZepClient zep;
    private final AtomicInteger active;
    private final VoiceLiveConnector connector;
    private final VoiceLink link = new VoiceLink();
    private final ConnectivityProbe probe;
    private final Map<String, VoiceConversation> conversations = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "voice-memory");
        t.setDaemon(true);
        return t;
    });

    private final AuditLog audit;
    private final EngramSettings.VoiceLimits limits;
    private final java.util.Optional<java.net.URI> speechContainer;

    VoiceSockets(EngramSettings settings, Agents agents, Authenticator authenticator, ZepClient zep, AtomicInteger active, AuditLog audit) {
        this.audit = audit;
        this.limits = settings.voiceLimits();
        this.speechContainer = settings.connectivity().speechContainerHost().filter(h -> settings.connectivity().speechContainerMode());
        this.agents = agents;
        this.authenticator = authenticator;
        this.zep = zep;
        this.active = active;
        this.connector = new VoiceLiveConnector(settings);
        this.probe = new ConnectivityProbe(settings, connector);
        VoiceLiveConnector.serviceVersion(settings.voiceLiveApiVersion());
    }

    VoiceLink link() {
        return link;
    }

    ConnectivityProbe probe() {
        return probe;
    }

    void routes(JavalinConfig config) {
        config.jetty.modifyWebSocketServletFactory(factory -> {
            factory.setMaxTextMessageSize(VoiceConversation.MAX_MESSAGE_CHARS * 4L);
            // no permessage-deflate, though browsers offer it: base64 PCM barely compresses, and deflating every answer
            // frame was a sixth of a loaded voice stack's CPU (BENCHMARKS.md); a client must accept a server that declines
            factory.getAvailableExtensionNames().remove("permessage-deflate");
        });
        config.routes.wsBeforeUpgrade(PATH, ctx -> {
            try {
                Principal principal = authenticator.authenticate(ctx);
                Permissions.require(principal, Permissions.VOICE);
                if (active.get() >= limits.maxSessions()) {
                    throw new ApiError(503, "too_many_voice_sessions", tooMany(), null).withHeader("Retry-After", "5");
                }
                ctx.attribute(PRINCIPAL, principal);
            } catch (ApiError e) {
                e.headers().forEach(ctx::header);
                throw dev.engram.support.UpgradeRefusal.refuse(ctx, e.status(), e.body());
            }
        });
        config.routes.ws(PATH, this::socket);
    }

    private void socket(WsConfig ws) {
        ws.onConnect(ctx -> {
            if (active.incrementAndGet() > limits.maxSessions()) { // upgrades that raced past the check above
                active.decrementAndGet();
                ctx.send(dev.engram.support.Json.write(Map.of("type", "error", "message", tooMany())));
                ctx.closeSession(1013, "too many voice sessions");
                return;
            }
            String agentId = ctx.queryParam("agent_id");
            Agent agent = agents.find(agentId == null ? Agents.DEFAULT : agentId).orElse(agents.find(Agents.DEFAULT).orElseThrow());
            Principal principal = ctx.attribute(PRINCIPAL) instanceof Principal p ? p : Principal.ANONYMOUS;
            audit.record("WS", "/api/v1/voice/voicelive/" + ctx.pathParam("session_id"), 101, principal);
            VoiceConversation conversation = new VoiceConversation(ctx.pathParam("session_id"), principal, agent, agents,
                    new BoundedClient(ctx, limits.maxQueuedBytes()), zep, background, active::decrementAndGet, limits.stall(), speechContainer);
            conversations.put(ctx.sessionId(), conversation);
            conversation.start(connector, link, () -> link.recoverWith(() -> probe.voiceLive().status()));
        });
        ws.onMessage(ctx -> {
            VoiceConversation conversation = conversations.get(ctx.sessionId());
            if (conversation != null) {
                conversation.receive(ctx.message());
            }
        });
        ws.onClose(ctx -> end(ctx.sessionId()));
        ws.onError(ctx -> end(ctx.sessionId()));
    }

    private String tooMany() {
        return active.get() + " voice sessions are open, the limit (ENGRAM_VOICE_MAX_SESSIONS) is " + limits.maxSessions() + "; retry shortly";
    }

    private void end(String socketId) {
        VoiceConversation conversation = conversations.remove(socketId);
        if (conversation != null) {
            conversation.end();
        }
    }

    @Override
    public void close() {
        conversations.values().forEach(VoiceConversation::end);
        conversations.clear();
        link.close();
        background.shutdownNow();
    }
}
