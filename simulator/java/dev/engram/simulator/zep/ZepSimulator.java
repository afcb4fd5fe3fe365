package dev.engram.simulator.zep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.simulator.support.Admin;
import dev.engram.simulator.support.Delays;
import dev.engram.simulator.support.Fault;
import dev.engram.simulator.support.FaultSwitch;
import dev.engram.simulator.support.Journal;
import dev.engram.support.Ids;
import dev.engram.support.Json;
import dev.engram.support.LoopbackServer;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Zep's v1 memory API as Engram calls it: sessions, memory, messages, search and user facts, held in memory.
 * Latency and outage faults come from {@link FaultSwitch}; the fault applies to every API call while armed.
 */
public final class ZepSimulator implements AutoCloseable {
    /** One API call, for tests: method, path and the status answered. */
    public record Call(String method, String path, int status) {}

    private final ZepStore store = new ZepStore();
    private final FaultSwitch faults = new FaultSwitch();
    private final Journal<Call> journal = new Journal<>();
    private final LoopbackServer server;

    private ZepSimulator(int port) {
        server = LoopbackServer.start("zep simulator", port, this::routes);
    }

    public static ZepSimulator start() {
        return new ZepSimulator(0);
    }

    /** The value for {@code ZEP_API_URL}. */
    public String url() {
        return server.url();
    }

    public FaultSwitch faults() {
        return faults;
    }

    public Journal<Call> journal() {
        return journal;
    }

    /** The contents of a session's messages, oldest first, as "role_type: content". */
    public List<String> transcript(String sessionId) {
        return store.lastMessages(sessionId, Integer.MAX_VALUE).stream()
                .map(m -> m.roleType() + ": " + m.content())
                .toList();
    }

    public List<String> facts(String userId) {
        return store.facts(userId, "", Integer.MAX_VALUE).stream().map(ZepStore.Fact::fact).toList();
    }

    private void routes(JavalinConfig config) {
        config.routes.get("/healthz", ctx -> ctx.result("OK"));
        config.routes.get("/api/v1/sessions/{id}", faulty(this::getSession));
        config.routes.post("/api/v1/sessions/search", faulty(this::search));
        config.routes.post("/api/v1/sessions", faulty(this::createSession));
        config.routes.post("/api/v1/sessions/{id}/memory", faulty(this::addMemory));
        config.routes.get("/api/v1/sessions/{id}/messages", faulty(this::messages));
        config.routes.get("/api/v1/users/{uid}/facts", faulty(this::facts));
        Admin.routes(config, faults, journal);
        config.routes.get("/__admin/transcript/{id}", ctx -> ctx.json(transcript(ctx.pathParam("id"))));
    }

    /** Wraps an API handler so an armed fault delays or replaces its answer, and the call is journalled. */
    private Handler faulty(Handler api) {
        return ctx -> {
            Fault fault = faults.take().orElse(null);
            Runnable answer = () -> {
                try {
                    if (fault != null && fault.rawBody() != null) {
                        ctx.status(fault.status()).contentType("application/json").result(fault.rawBody());
                    } else if (fault != null && fault.replacesAnswer()) {
                        ctx.status(fault.status()).json(Map.of("message", String.valueOf(fault.message())));
                    } else {
                        api.handle(ctx);
                    }
                } catch (BadRequest e) {
                    ctx.status(400).json(Map.of("message", e.getMessage()));
                } catch (Exception e) {
                    ctx.status(500).json(Map.of("message", "zep simulator failed: " + e.getClass().getSimpleName()));
                }
                journal.add(new Call(ctx.method().name(), ctx.path(), ctx.statusCode()));
            };
            Delays.after(ctx, fault == null ? 0 : fault.delay(), answer);
        };
    }

    private void getSession(Context ctx) {
        store.session(ctx.pathParam("id")).ifPresentOrElse(
                s -> ctx.json(sessionJson(s)),
                () -> ctx.status(404).json(Map.of("message", "session not found: " + ctx.pathParam("id"))));
    }

    private void createSession(Context ctx) {
        JsonNode body = body(ctx);
        String id = requiredText(body, "session_id");
        ctx.status(201).json(sessionJson(store.createSession(id, body.path("user_id").asText(null), body.get("metadata"))));
    }

    private void addMemory(Context ctx) {
        JsonNode messages = body(ctx).path("messages");
        if (!messages.isArray()) {
            throw new BadRequest("'messages' must be an array");
        }
        List<ZepStore.Message> added = new ArrayList<>();
        for (JsonNode m : messages) {
            String roleType = requiredText(m, "role_type");
            added.add(new ZepStore.Message(Ids.uuid().toString(), Instant.now(), roleType,
                    m.path("role").asText(roleType), requiredText(m, "content"), m.get("metadata")));
        }
        store.addMessages(ctx.pathParam("id"), added);
        ctx.json(Map.of("message", "OK"));
    }

    private void messages(Context ctx) {
        List<ZepStore.Message> messages = store.lastMessages(ctx.pathParam("id"), limit(ctx, 100));
        ArrayNode list = Json.MAPPER.createArrayNode();
        messages.forEach(m -> list.add(messageJson(m)));
        ObjectNode root = Json.object();
        root.set("messages", list);
        root.put("total_count", messages.size());
        root.put("row_count", messages.size());
        ctx.json(root);
    }

    private void search(Context ctx) {
        JsonNode body = body(ctx);
        Set<String> sessionIds = new HashSet<>();
        body.path("session_ids").forEach(id -> sessionIds.add(id.asText()));
        ArrayNode results = Json.MAPPER.createArrayNode();
        store.search(requiredText(body, "text"), sessionIds, body.path("user_id").asText(null), body.path("limit").asInt(10))
                .forEach(hit -> {
                    ObjectNode result = results.addObject();
                    result.set("message", messageJson(hit.message()));
                    result.put("score", hit.score());
                    result.put("session_id", hit.sessionId());
                });
        ctx.json(results);
    }

    private void facts(Context ctx) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        store.facts(ctx.pathParam("uid"), ctx.queryParam("query"), limit(ctx, 20)).forEach(f -> {
            ObjectNode fact = list.addObject();
            fact.put("uuid", f.uuid());
            fact.put("fact", f.fact());
            fact.put("created_at", f.createdAt().toString());
            fact.putObject("metadata").put("session_id", f.sessionId());
        });
        ctx.json(list);
    }

    private static ObjectNode sessionJson(ZepStore.Session s) {
        ObjectNode json = Json.object();
        json.put("session_id", s.sessionId());
        json.put("user_id", s.userId());
        json.set("metadata", s.metadata());
        json.put("created_at", s.createdAt().toString());
        return json;
    }

    private static ObjectNode messageJson(ZepStore.Message m) {
        ObjectNode json = Json.object();
        json.put("uuid", m.uuid());
        json.put("created_at", m.createdAt().toString());
        json.put("role", m.role());
        json.put("role_type", m.roleType());
        json.put("content", m.content());
        json.set("metadata", m.metadata());
        return json;
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode body = Json.parse(ctx.body());
            if (!body.isObject()) {
                throw new BadRequest("request body must be a JSON object");
            }
            return body;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRequest("malformed JSON body: " + e.getOriginalMessage());
        }
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new BadRequest("'" + field + "' is required and must be a non-empty string");
        }
        return value.asText();
    }

    private static int limit(Context ctx, int fallback) {
        String raw = ctx.queryParam("limit");
        try {
            return raw == null ? fallback : Math.max(1, Integer.parseInt(raw));
        } catch (NumberFormatException e) {
            throw new BadRequest("'limit' must be an integer, got '" + raw + "'");
        }
    }

    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
