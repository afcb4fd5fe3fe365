package dev.engram.simulator.voicelive;

import dev.engram.simulator.support.LoopbackServer;
import io.javalin.config.JavalinConfig;
import io.javalin.websocket.WsConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Azure VoiceLive's realtime WebSocket at {@code /voice-live/realtime} and
 * {@code /api/projects/{project}/voice-live/realtime}. The handshake is checked before the upgrade, so a bad key,
 * token or api-version gets a real HTTP 401/400 with a JSON body; the subprotocol {@code realtime} is echoed.
 */
public final class VoiceLiveSimulator implements AutoCloseable {
    private static final String SESSION = "voicelive-session";

    private final ServiceProfile profile = ServiceProfile.load();
    private final Handshake handshake;
    private final Map<String, RealtimeSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final LoopbackServer server;

    private VoiceLiveSimulator(String apiKey, TokenVerifier tokens) {
        this.handshake = new Handshake(profile, apiKey, tokens);
        this.server = LoopbackServer.start("voicelive simulator", 0, this::routes);
    }

    public static VoiceLiveSimulator start(String apiKey) {
        return new VoiceLiveSimulator(apiKey, TokenVerifier.REFUSE_ALL);
    }

    public static VoiceLiveSimulator start(String apiKey, TokenVerifier tokens) {
        return new VoiceLiveSimulator(apiKey, tokens);
    }

    /** The value for {@code AZURE_VOICELIVE_ENDPOINT}: the SDK appends {@code /voice-live/realtime}. */
    public String endpoint() {
        return server.url();
    }

    public int openSessions() {
        return sessions.size();
    }

    public int sessionsOpened() {
        return opened.get();
    }

    private void routes(JavalinConfig config) {
        config.jetty.modifyWebSocketServletFactory(factory -> {
            factory.setMaxTextMessageSize(profile.maxFrameBytes());
            factory.setMaxBinaryMessageSize(profile.maxFrameBytes());
        });
        for (String path : new String[] {"/voice-live/realtime", "/api/projects/{project}/voice-live/realtime"}) {
            config.routes.wsBeforeUpgrade(path, this::checkHandshake);
            config.routes.ws(path, this::socket);
            config.routes.get(path, ctx -> ctx.status(426).json(Map.of("error", Map.of("code", "UpgradeRequired",
                    "message", "This endpoint only accepts WebSocket connections"))));
        }
    }

    /**
     * Javalin drops the body of an error raised before an upgrade, so a refusal is written and committed here,
     * then the upgrade is abandoned.
     */
    private void checkHandshake(io.javalin.http.Context ctx) throws java.io.IOException {
        try {
            handshake.check(ctx);
        } catch (HandshakeRefused e) {
            var response = ctx.res();
            response.setStatus(e.status());
            response.setContentType("application/json");
            response.setHeader("Sec-WebSocket-Protocol", null);
            response.getOutputStream().write(dev.engram.simulator.support.Json.write(
                    Map.of("error", Map.of("code", e.code(), "message", e.getMessage()))).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            response.flushBuffer();
            throw new io.javalin.http.HttpResponseException(e.status(), e.getMessage());
        }
    }

    private void socket(WsConfig ws) {
        ws.onConnect(ctx -> {
            Outbox outbox = new Outbox(ctx.sessionId(), text -> {
                if (ctx.session.isOpen()) {
                    ctx.send(text);
                }
            }, 5);
            RealtimeSession session = new RealtimeSession(profile, ctx.queryParam("model"), outbox);
            sessions.put(ctx.sessionId(), session);
            ctx.attribute(SESSION, outbox);
            opened.incrementAndGet();
            session.open();
        });
        ws.onMessage(ctx -> {
            RealtimeSession session = sessions.get(ctx.sessionId());
            if (session != null) {
                session.receive(ctx.message());
            }
        });
        ws.onBinaryMessage(ctx -> {
            RealtimeSession session = sessions.get(ctx.sessionId());
            if (session != null) {
                session.receive(java.nio.charset.StandardCharsets.UTF_8.decode(ctx.data()).toString());
            }
        });
        ws.onClose(ctx -> end(ctx.sessionId(), ctx.<Outbox>attribute(SESSION)));
        ws.onError(ctx -> end(ctx.sessionId(), ctx.<Outbox>attribute(SESSION)));
    }

    private void end(String id, Outbox outbox) {
        sessions.remove(id);
        if (outbox != null) {
            outbox.close();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
