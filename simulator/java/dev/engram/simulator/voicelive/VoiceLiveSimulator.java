package dev.engram.simulator.voicelive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.audio.FixtureRegistry;
import dev.engram.audio.Voices;
import dev.engram.simulator.model.AnswerBook;
import dev.engram.support.Json;
import dev.engram.support.LoopbackServer;
import dev.engram.support.UpgradeRefusal;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Azure VoiceLive's realtime WebSocket at {@code /voice-live/realtime} and
 * {@code /api/projects/{project}/voice-live/realtime}. The handshake is checked before the upgrade, so a bad key,
 * token or api-version gets a real HTTP 401/400 with a JSON body; the subprotocol {@code realtime} is echoed.
 * Sessions transcribe the audio fixtures they recognise and answer with the gateway's answer book, spoken in the
 * session's voice.
 */
public final class VoiceLiveSimulator implements AutoCloseable {
    private static final String OUTBOX = "voicelive-outbox";

    private final ServiceProfile profile = ServiceProfile.load();
    private final Handshake handshake;
    private final FixtureRegistry fixtures;
    private final Voices voices;
    private final AnswerBook answers = AnswerBook.load();
    private final Map<String, RealtimeSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final SessionLog log = new SessionLog();
    private volatile Pacing pacing;
    private final dev.engram.simulator.support.Armed<ResponseFault> faults = new dev.engram.simulator.support.Armed<>();
    private final LoopbackServer server;

    /** Start-up choices; every one has a default fit for tests. */
    public static final class Options {
        private String apiKey;
        private TokenVerifier tokens = TokenVerifier.REFUSE_ALL;
        private String pacing = "fast";
        private Path fixtures = Path.of(System.getProperty("engram.audio.fixtures",
                System.getenv().getOrDefault("ENGRAM_AUDIO_FIXTURES", "audio-fixtures")));
        private int port;

        public Options apiKey(String key) {
            this.apiKey = key;
            return this;
        }

        public Options tokens(TokenVerifier verifier) {
            this.tokens = verifier;
            return this;
        }

        public Options pacing(String profile) {
            Pacing.named(profile);
            this.pacing = profile;
            return this;
        }

        public Options fixtures(Path folder) {
            this.fixtures = folder;
            return this;
        }

        public Options port(int port) {
            this.port = port;
            return this;
        }

        public VoiceLiveSimulator start() {
            return new VoiceLiveSimulator(this);
        }
    }

    private VoiceLiveSimulator(Options options) {
        this.handshake = new Handshake(profile, options.apiKey, options.tokens);
        this.pacing = Pacing.named(options.pacing);
        this.fixtures = new FixtureRegistry(options.fixtures);
        this.voices = new Voices(options.fixtures.resolve("voices.json"));
        this.server = LoopbackServer.start("voicelive simulator", options.port, this::routes);
    }

    public static Options options() {
        return new Options();
    }

    public static VoiceLiveSimulator start(String apiKey) {
        return options().apiKey(apiKey).start();
    }

    /** The value for {@code AZURE_VOICELIVE_ENDPOINT}: the SDK appends {@code /voice-live/realtime}. */
    public String endpoint() {
        return server.url();
    }



    public SessionLog log() {
        return log;
    }

    public void pacing(String profile) {
        this.pacing = Pacing.named(profile);
    }

    private void routes(JavalinConfig config) {
        config.jetty.modifyWebSocketServletFactory(factory -> {
            // Jetty would close the socket on an oversize frame; let it through so the session can answer an error
            factory.setMaxTextMessageSize(profile.maxFrameBytes() * 4);
            factory.setMaxBinaryMessageSize(profile.maxFrameBytes() * 4);
            factory.setIdleTimeout(java.time.Duration.ofMinutes(10));
            // no permessage-deflate: base64 audio barely compresses, and inflating every frame throttles clients
            factory.getAvailableExtensionNames().remove("permessage-deflate");
        });
        for (String path : new String[] {"/voice-live/realtime", "/api/projects/{project}/voice-live/realtime"}) {
            config.routes.wsBeforeUpgrade(path, this::checkHandshake);
            config.routes.ws(path, this::socket);
            config.routes.get(path, ctx -> ctx.status(426).json(Map.of("error", Map.of("code", "UpgradeRequired",
                    "message", "This endpoint only accepts WebSocket connections"))));
        }
        config.routes.post("/__admin/pacing/{profile}", ctx -> {
            try {
                pacing(ctx.pathParam("profile"));
                ctx.status(204);
            } catch (IllegalArgumentException e) {
                ctx.status(404).json(Map.of("error", "unknown_pacing", "detail", e.getMessage()));
            }
        });
        dev.engram.simulator.support.Admin.faultRoutes(config, name -> {
            ResponseFault fault = ResponseFault.named(name);
            faults.arm(fault, fault.times());
        }, faults::clear);
        config.routes.get("/__admin/log", ctx -> {
            String since = ctx.queryParam("since");
            try {
                ctx.json(since == null ? log.all() : log.since(java.time.Instant.parse(since)));
            } catch (java.time.format.DateTimeParseException e) {
                ctx.status(400).json(Map.of("error", "invalid_since", "detail", "'since' must be an ISO-8601 instant such as "
                        + "2026-12-02T06:00:00Z, not '" + since + "'"));
            }
        });
        config.routes.get("/__admin/sessions", ctx -> ctx.json(Map.of("open", sessions.size(), "opened", opened.get())));
    }

    private void checkHandshake(Context ctx) {
        try {
            handshake.check(ctx);
        } catch (HandshakeRefused e) {
            throw UpgradeRefusal.refuse(ctx, e.status(), Map.of("error", Map.of("code", e.code(), "message", e.getMessage())));
        }
    }

    private void socket(WsConfig ws) {
        ws.onConnect(ctx -> {
            String id = ctx.sessionId();
            Dialect dialect = Dialect.of(ctx.queryParam("api-version"), ctx.header("VoiceLive-Features"));
            Outbox outbox = new Outbox(text -> {
                if (ctx.session.isOpen()) {
                    ctx.send(text);
                }
            }, (event, text) -> log.add(id, SessionLog.Direction.OUT, event.path("type").asText(), text.length(), elided(event, text)),
                    pacing.minGapMs(), dialect::outbound);
            outbox.onHangUp((code, reason) -> {
                if (ctx.session.isOpen()) {
                    ctx.closeSession(code, reason);
                }
            });
            RealtimeSession session = new RealtimeSession(profile, ctx.queryParam("model"), outbox, pacing, fixtures, voices, answers, dialect, faults::take);
            sessions.put(id, session);
            ctx.attribute(OUTBOX, outbox);
            opened.incrementAndGet();
            session.open();
        });
        ws.onMessage(ctx -> receive(ctx.sessionId(), ctx.message()));
        ws.onBinaryMessage(ctx -> receive(ctx.sessionId(), StandardCharsets.UTF_8.decode(ctx.data()).toString()));
        ws.onClose(ctx -> end(ctx.sessionId(), ctx.<Outbox>attribute(OUTBOX)));
        ws.onError(ctx -> end(ctx.sessionId(), ctx.<Outbox>attribute(OUTBOX)));
    }

    private void receive(String id, String frame) {
        JsonNode parsed = null;
        String type;
        try {
            parsed = Json.parse(frame);
            type = parsed.path("type").asText("?");
        } catch (Exception e) {
            type = "(malformed)";
        }
        int keep = type.equals("input_audio_buffer.append") ? 300 : 8_000;
        log.add(id, SessionLog.Direction.IN, type, frame.length(), frame.length() > keep ? frame.substring(0, keep) + "…" : frame);
        RealtimeSession session = sessions.get(id);
        if (session != null) {
            session.receive(frame.length(), parsed);
        }
    }

    /** The frame for the log: audio deltas by size only, without serialising them again. */
    private static String elided(ObjectNode event, String text) {
        String type = event.path("type").asText();
        return type.endsWith("audio.delta")
                ? "{\"type\":\"" + type + "\",\"delta\":\"<" + event.path("delta").asText().length() + " base64 chars>\"}"
                : text;
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
