package dev.engram.simulator.cassette;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.support.Json;
import dev.engram.support.LoopbackServer;
import dev.engram.support.TextMessages;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A recording proxy for VoiceLive: a backend pointed at it reaches the upstream (the real service or any simulator)
 * through it, with the same path, query and credential, and every frame both ways goes to a cassette. Credentials are
 * forwarded, never written.
 */
public final class CassetteRecorder implements AutoCloseable {
    private final URI upstream;
    private final Writer out;
    private final boolean keepAudio;
    private final LoopbackServer server;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** One proxied session: its upstream socket and the timing anchors of its frames. */
    private final class Session {
        /** Set once the upstream answers the upgrade; frames it sends before that are already recorded here. */
        volatile WebSocket upstream;
        /** The client's frames go upstream one after another: a WebSocket allows one outstanding send. */
        private CompletableFuture<WebSocket> sending;
        long anchorNanos = System.nanoTime();
        int anchor;
        boolean audioSinceAction;

        synchronized void connected(WebSocket socket) {
            upstream = socket;
            sending = CompletableFuture.completedFuture(socket);
        }

        synchronized void forward(String text, WsContext client) {
            sending = sending.thenCompose(socket -> socket.sendText(text, true));
            sending.exceptionally(failure -> {
                if (client.session.isOpen()) {
                    client.closeSession(1011, "the recorder could not forward a frame upstream");
                }
                return null;
            });
        }

        synchronized void write(String dir, JsonNode frame) {
            String type = frame.path("type").asText("?");
            if (dir.equals("in")) {
                String action = Cassette.action(type, audioSinceAction);
                audioSinceAction = type.equals("input_audio_buffer.append") || (action == null && audioSinceAction);
                if (action != null) {
                    anchor++;
                    anchorNanos = System.nanoTime();
                    audioSinceAction = action.equals("speech");
                    CassetteRecorder.this.line(new Cassette.Frame("in", action, anchor, 0, Cassette.redact(frame, keepAudio)));
                    return;
                }
            }
            CassetteRecorder.this.line(new Cassette.Frame(dir, type, anchor, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - anchorNanos), Cassette.redact(frame, keepAudio)));
        }
    }

    private CassetteRecorder(URI upstream, Path file, boolean keepAudio) throws IOException {
        this.upstream = upstream;
        this.keepAudio = keepAudio;
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.server = LoopbackServer.start("voicelive recorder", config -> {
            for (String path : new String[] {"/voice-live/realtime", "/api/projects/{project}/voice-live/realtime"}) {
                config.routes.ws(path, this::socket);
            }
        });
    }

    /** Starts recording to {@code file}; {@code upstream} is the VoiceLive endpoint (https, http, wss or ws). */
    public static CassetteRecorder start(String upstream, Path file, boolean keepAudio) {
        try {
            return new CassetteRecorder(URI.create(upstream.replaceAll("/+$", "").replaceFirst("^http", "ws")), file, keepAudio);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cassette " + file, e);
        }
    }

    /** The endpoint a backend uses instead of the upstream ({@code AZURE_VOICELIVE_ENDPOINT}). */
    public String endpoint() {
        return server.url();
    }

    private void socket(WsConfig ws) {
        ws.onConnect(ctx -> {
            ctx.session.setIdleTimeout(java.time.Duration.ofMinutes(10));
            WebSocket.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().newWebSocketBuilder().subprotocols("realtime");
            for (String header : new String[] {"api-key", "Authorization", "VoiceLive-Features"}) {
                if (ctx.header(header) != null) {
                    builder.header(header, ctx.header(header));
                }
            }
            URI requested = ctx.session.getUpgradeRequest().getRequestURI();
            String query = requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery();
            // registered before the upstream connects: its first events (session.created) can arrive before get() returns
            Session session = new Session();
            sessions.put(ctx.sessionId(), session);
            line(new Cassette.Frame("in", "connect", 0, 0, Json.object().put("path", requested.getRawPath())
                    .put("query", requested.getRawQuery() == null ? "" : requested.getRawQuery().replaceAll("(?i)(api-key|key|token|access_token)=[^&]*", "$1=***"))));
            session.connected(builder.buildAsync(URI.create(upstream + requested.getRawPath() + query), relayTo(ctx)).get(10, TimeUnit.SECONDS));
        });
        ws.onMessage(ctx -> {
            Session session = sessions.get(ctx.sessionId());
            if (session != null) {
                session.write("in", parse(ctx.message()));
                session.forward(ctx.message(), ctx);
            }
        });
        ws.onClose(ctx -> close(ctx.sessionId()));
        ws.onError(ctx -> close(ctx.sessionId()));
    }

    /** The upstream's frames, recorded and relayed to the client; its close, relayed too. */
    private WebSocket.Listener relayTo(WsContext client) {
        return TextMessages.to(frame -> {
            Session session = sessions.get(client.sessionId());
            if (session != null) {
                session.write("out", parse(frame));
            }
            if (client.session.isOpen()) {
                client.send(frame);
            }
        }).onClose((code, reason) -> {
            if (client.session.isOpen()) {
                client.closeSession(code, reason);
            }
        });
    }

    private void close(String id) {
        Session session = sessions.remove(id);
        if (session != null && session.upstream != null) {
            session.upstream.abort();
        }
    }

    private static JsonNode parse(String text) {
        try {
            return Json.parse(text);
        } catch (Exception e) {
            return Json.object().put("type", "(not json)");
        }
    }

    private synchronized void line(Cassette.Frame frame) {
        try {
            out.write(Json.write(frame));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cassette", e);
        }
    }

    @Override
    public void close() {
        sessions.keySet().forEach(this::close);
        server.close();
        try {
            out.close();
        } catch (IOException e) {
            // closed
        }
    }
}
