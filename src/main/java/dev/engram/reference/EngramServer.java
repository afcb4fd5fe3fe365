package dev.engram.reference;

import dev.engram.support.LoopbackServer;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference Engram backend: the SOP 10.1 endpoint table on one Javalin server, configured only by
 * {@link EngramSettings}. It reaches the gateway and Zep over HTTP, exactly as the real backend does.
 */
public final class EngramServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngramServer.class);
    private static final String PRINCIPAL = "engram-principal";

    private final EngramSettings settings;
    private final Agents agents;
    private final Authenticator authenticator;
    private final ChatService chat;
    private final Cors cors;
    private final AtomicInteger activeVoiceSessions = new AtomicInteger();
    private final VoiceSockets voice;
    private final AuditLog audit;
    private final LoopbackServer server;
    private final UpstreamHttp upstream;
    private final ZepClient zep;

    private EngramServer(EngramSettings settings, int port) {
        this.settings = settings;
        this.agents = new Agents(settings.agentVoices());
        this.authenticator = Authenticator.forSettings(settings);
        this.upstream = new UpstreamHttp(settings.gatewayTimeout());
        this.zep = new ZepClient(settings, upstream);
        this.chat = new ChatService(new GatewayClient(settings, upstream), zep);
        this.cors = new Cors(settings.corsOrigins());
        this.audit = new AuditLog(settings.auditLogEnabled(), settings.environment());
        this.voice = new VoiceSockets(settings, agents, authenticator, zep, activeVoiceSessions, audit);
        this.server = LoopbackServer.start("engram reference server", port, this::routes);
        LOG.info("Engram reference server on {} (ENVIRONMENT={}, AUTH_REQUIRED={})", server.url(), settings.environment(), settings.authRequired());
    }

    public static EngramServer start(EngramSettings settings) {
        return new EngramServer(settings, 0);
    }

    public static EngramServer start(EngramSettings settings, int port) {
        return new EngramServer(settings, port);
    }

    public String url() {
        return server.url();
    }

    /** The audit entries written so far (empty unless AUDIT_LOG_ENABLED=true). */
    public AuditLog auditLog() {
        return audit;
    }

    public int activeVoiceSessions() {
        return activeVoiceSessions.get();
    }

    private void routes(JavalinConfig config) {
        config.router.ignoreTrailingSlashes = true;
        config.routes.before(ctx -> {
            cors.decorate(ctx);
            if (ctx.method() == io.javalin.http.HandlerType.OPTIONS) {
                cors.preflight(ctx);
                ctx.skipRemainingHandlers(); // no OPTIONS route, so unknown paths stay 404 and wrong methods 405
            }
        });
        config.routes.get("/health", this::health);
        config.routes.get("/api/v1/agents", ctx -> ctx.json(agents.all().stream().map(this::agentJson).toList()));
        config.routes.get("/api/v1/voice/status", this::voiceStatus);
        config.routes.get("/connectivity/test", this::connectivityTest);
        config.routes.get("/api/v1/voice/config/{agent}", this::voiceConfig);
        voice.routes(config);
        if (settings.debug()) {
            // debug-only surfaces, as FastAPI serves them in development; off everywhere else (SOP 6.7)
            config.routes.get("/openapi.json", ctx -> ctx.json(Map.of("openapi", "3.1.0", "info", Map.of("title", "Engram", "version", settings.version()))));
            config.routes.get("/docs", ctx -> ctx.html("<!doctype html><title>Engram API docs</title><p>See /openapi.json</p>"));
        }
        config.routes.post("/api/v1/chat", ctx -> {
            Principal principal = authenticator.authenticate(ctx);
            ctx.attribute(PRINCIPAL, principal);
            Permissions.require(principal, Permissions.CHAT);
            ctx.json(chat.chat(principal, ChatRequest.parse(ctx.bodyAsBytes(), agents)));
        });
        config.routes.after(ctx -> audit.record(ctx.method().name(), ctx.path(), ctx.statusCode(), ctx.attribute(PRINCIPAL)));
        config.routes.exception(ApiError.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            ctx.status(e.status()).json(e.body());
        });
        config.routes.exception(HttpResponseException.class, (e, ctx) -> ctx.status(e.getStatus()).json(Map.of(
                "error", e.getStatus() == 405 ? "method_not_allowed" : e.getStatus() == 404 ? "not_found" : "http_error",
                "detail", e.getStatus() == 405 ? ctx.method() + " is not allowed on " + ctx.path()
                        : e.getStatus() == 404 ? "No endpoint at " + ctx.path() : e.getMessage())));
        config.routes.exception(Exception.class, (e, ctx) -> {
            if (clientWentAway(e)) {
                // the client closed mid-request (an EOF while reading its body): its error, not the server's
                ctx.status(400).json(Map.of("error", "incomplete_request", "detail", "The request body ended before its Content-Length", "field", "body"));
                return;
            }
            LOG.error("Unhandled error on {} {}: {}", ctx.method(), ctx.path(), e.getClass().getName());
            ctx.status(500).json(Map.of("error", "internal_error", "detail", "Internal server error"));
        });
    }

    private void health(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", voice.link().degraded() ? "degraded" : "healthy");
        body.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        body.put("version", settings.version());
        body.put("environment", settings.environment());
        if (voice.link().degraded()) {
            body.put("voice", Map.of("state", voice.link().current().state(), "detail", voice.link().current().message(),
                    "chat", "available"));
        }
        ctx.json(body);
    }

    /** The guide's connectivity test: each dependency probed now, with the voice path's monitored state. */
    private void connectivityTest(Context ctx) {
        var checks = voice.probe().all();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", checks.stream().allMatch(c -> c.status().equals("OK")) ? "OK" : "Error");
        body.put("container_app_name", settings.connectivity().containerAppName().orElse(null));
        body.put("in_container", settings.connectivity().inContainer());
        body.put("speech_container_mode", settings.connectivity().speechContainerMode());
        body.put("checks", checks);
        body.put("voice_link", linkJson());
        ctx.json(body);
    }

    private Map<String, Object> linkJson() {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("state", voice.link().current().state());
        link.put("attempt", voice.link().current().attempt());
        link.put("since", voice.link().current().since().toString());
        link.put("max_attempts", ConnectivitySettings.MAX_ATTEMPTS);
        link.put("history", voice.link().history());
        return link;
    }

    private void voiceStatus(Context ctx) {
        Map<String, Object> voices = new LinkedHashMap<>();
        agents.all().forEach(agent -> voices.put(agent.id(), Map.of("voice", agent.voice())));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("voicelive_configured", settings.voiceLiveConfigured());
        body.put("endpoint", settings.voiceLiveEndpoint().map(Object::toString).orElse(null));
        body.put("model", settings.voiceLiveModel());
        body.put("active_sessions", activeVoiceSessions.get());
        body.put("agents", voices);
        body.put("voice_live_enabled", settings.connectivity().voiceLiveEnabled());
        body.put("container_app_name", settings.connectivity().containerAppName().orElse(null));
        body.put("connection", linkJson());
        ctx.json(body);
    }

    private void voiceConfig(Context ctx) {
        String id = ctx.pathParam("agent");
        Agent agent = agents.find(id).orElseThrow(() -> new ApiError(404, "agent_not_found",
                "Unknown agent '" + ChatRequest.echo(id) + "'; known agents: " + String.join(", ", agents.ids()), "agent"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent_id", agent.id());
        body.put("voice_name", agent.voice());
        body.put("model", settings.voiceLiveModel());
        body.put("endpoint_configured", settings.voiceLiveEndpoint().isPresent());
        ctx.json(body);
    }

    private Map<String, Object> agentJson(Agent agent) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("agent_id", agent.id());
        json.put("name", agent.name());
        json.put("role", agent.title());
        json.put("voice_name", agent.voice());
        return json;
    }

    private static boolean clientWentAway(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof org.eclipse.jetty.io.EofException || c.getClass().getSimpleName().equals("HttpEofException")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        server.close();
        voice.close();
        zep.close();
        upstream.close();
    }
}
