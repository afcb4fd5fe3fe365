package dev.engram.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zep memory, best-effort: every call is bounded by {@code ENGRAM_ZEP_TIMEOUT_MS}, and a slow, failing or absent Zep
 * yields empty memory rather than an error. Chat and voice never wait on Zep longer than that bound.
 */
public final class ZepClient implements AutoCloseable {
    /** A turn to store: {@code roleType} is {@code user} or {@code assistant}. */
    public record Turn(String roleType, String content, String agentId, String channel) {}

    /** What Zep remembers that is relevant now. */
    public record Memory(List<String> recentTurns, List<String> facts) {
        public static final Memory EMPTY = new Memory(List.of(), List.of());

        public boolean isEmpty() {
            return recentTurns.isEmpty() && facts.isEmpty();
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ZepClient.class);
    private static final int CALL_THREADS = 64;
    /** Background writes under way at once: half the call pool, so reads always find threads. */
    static final int MAX_PENDING_WRITES = CALL_THREADS / 2;

    private final Optional<URI> base;
    private final Duration timeout;
    private final UpstreamHttp http;
    private final String root;
    private final Map<String, String> headers;
    private final ExecutorService calls; // Zep calls block on this bounded pool, so two reads run at once
    private final Set<String> knownSessions = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletableFuture<Boolean>> writes = new ConcurrentHashMap<>();
    private final Semaphore writeSlots = new Semaphore(MAX_PENDING_WRITES);

    ZepClient(EngramSettings settings, UpstreamHttp http) {
        this.base = settings.zepUrl();
        this.timeout = settings.zepTimeout();
        this.http = http;
        this.root = base.map(uri -> uri.toString().replaceAll("/+$", "")).orElse("");
        this.headers = settings.zepKey().map(k -> Map.of("Authorization", "Api-Key " + k)).orElse(Map.of());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(CALL_THREADS, CALL_THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "zep-client");
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        this.calls = pool;
    }

    /** Takes no new calls; those already queued finish within their own timeouts, and the threads then end. */
    @Override
    public void close() {
        calls.shutdown();
    }

    public Memory recall(String sessionId, String userId, String query) {
        if (base.isEmpty()) {
            return Memory.EMPTY;
        }
        CompletableFuture<Boolean> pending = writes.get(sessionId);
        if (pending != null) {
            bounded(pending, false, "await this session's last write"); // read-your-writes within a session
        }
        CompletableFuture<List<String>> turns = get("/api/v1/sessions/" + enc(sessionId) + "/messages?limit=12")
                .thenApply(json -> texts(json.path("messages"), m -> m.path("role_type").asText("user") + ": " + m.path("content").asText()));
        CompletableFuture<List<String>> facts = facts(userId, query);
        return new Memory(bounded(turns, List.of(), "recall messages"), bounded(facts, List.of(), "recall facts"));
    }

    /** What Zep knows of the user for a session that starts now: its facts (the session itself has no turns yet). */
    public Memory recallForNewSession(String userId, String query) {
        if (base.isEmpty()) {
            return Memory.EMPTY;
        }
        return new Memory(List.of(), bounded(facts(userId, query), List.of(), "recall facts"));
    }

    private CompletableFuture<List<String>> facts(String userId, String query) {
        return get("/api/v1/users/" + enc(userId) + "/facts?limit=5&query=" + enc(query))
                .thenApply(json -> texts(json.isArray() ? json : json.path("facts"), f -> f.path("fact").asText()));
    }

    /**
     * Stores turns without holding the caller (SOP 1.1: persistence is best-effort), in order per session; the next
     * {@link #recall} of the same session waits for it, so a session always reads its own writes. At most
     * {@link #MAX_PENDING_WRITES} writes are under way: beyond that the caller waits, within the Zep timeout, for one
     * to finish, so a chat is answered no faster than its memory can be kept and writes never pile up unseen.
     */
    public void persistInBackground(String sessionId, String userId, List<Turn> turns) {
        if (base.isEmpty()) {
            return;
        }
        if (!writeSlot()) {
            LOG.warn("Zep persist memory skipped (best-effort): {} writes were already under way for {} ms", MAX_PENDING_WRITES, timeout.toMillis());
            return;
        }
        CompletableFuture<Boolean> write = writes.compute(sessionId, (id, previous) ->
                (previous == null ? CompletableFuture.completedFuture(true) : previous.exceptionally(e -> false))
                        .thenCompose(ignored -> store(sessionId, userId, turns))
                        .orTimeout(timeout.toMillis() * 2, TimeUnit.MILLISECONDS)
                        .exceptionally(e -> {
                            LOG.warn("Zep persist memory skipped (best-effort): {}", describe(e));
                            return false;
                        }));
        write.whenComplete((ok, e) -> {
            writes.remove(sessionId, write);
            writeSlots.release();
        });
    }

    private boolean writeSlot() {
        try {
            return writeSlots.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stores turns in the session (creating it for the user on first use); returns whether Zep accepted them in time. */
    public boolean persist(String sessionId, String userId, List<Turn> turns) {
        if (base.isEmpty()) {
            return false;
        }
        return bounded(store(sessionId, userId, turns), false, "persist memory");
    }

    private CompletableFuture<Boolean> store(String sessionId, String userId, List<Turn> turns) {
        CompletableFuture<JsonNode> session = knownSessions.contains(sessionId)
                ? CompletableFuture.completedFuture(null)
                : post("/api/v1/sessions", sessionBody(sessionId, userId)).thenApply(json -> {
                    knownSessions.add(sessionId);
                    return json;
                });
        return session
                .thenCompose(ignored -> post("/api/v1/sessions/" + enc(sessionId) + "/memory", memoryBody(turns)))
                .thenApply(json -> true);
    }

    private static String sessionBody(String sessionId, String userId) {
        ObjectNode body = Json.object().put("session_id", sessionId).put("user_id", userId);
        body.putObject("metadata").put("source", "engram");
        return Json.write(body);
    }

    private static String memoryBody(List<Turn> turns) {
        ObjectNode body = Json.object();
        var messages = body.putArray("messages");
        for (Turn turn : turns) {
            ObjectNode message = messages.addObject().put("role_type", turn.roleType()).put("content", turn.content());
            message.putObject("metadata").put("agent_id", turn.agentId()).put("channel", turn.channel());
        }
        return Json.write(body);
    }

    private CompletableFuture<JsonNode> get(String path) {
        return call("GET", path, null);
    }

    private CompletableFuture<JsonNode> post(String path, String body) {
        return call("POST", path, body);
    }

    /**
     * One Zep call, a blocking exchange on the client's own bounded pool (CompletableFuture's default executor starts
     * a new thread per task on a machine of two cores or fewer), so two reads run at once and each is bounded. A call
     * that waited for a thread longer than the Zep timeout is not sent: its caller has already given up on it.
     */
    private CompletableFuture<JsonNode> call(String method, String path, String body) {
        URI uri = URI.create(root + path);
        long queued = System.nanoTime();
        return CompletableFuture.supplyAsync(() -> {
            if (System.nanoTime() - queued > timeout.toNanos()) {
                throw new CompletionException(new TimeoutException("queued past the Zep timeout"));
            }
            try {
                return http.send(method, uri, headers, body, timeout);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, calls).thenApply(response -> {
            if (response.status() >= 300) {
                throw new IllegalStateException("HTTP " + response.status() + " from " + method + " " + uri.getPath());
            }
            try {
                return Json.parse(response.body());
            } catch (Exception e) {
                throw new IllegalStateException("malformed JSON from " + uri.getPath());
            }
        });
    }

    private String describe(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof TimeoutException ? "no answer within " + timeout.toMillis() * 2 + " ms"
                : AuditLog.mask(String.valueOf(cause.getMessage()));
    }

    private <T> T bounded(CompletableFuture<T> future, T fallback, String what) {
        try {
            return future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            LOG.warn("Zep {} skipped (best-effort): {}", what, cause instanceof TimeoutException
                    ? "no answer within " + timeout.toMillis() + " ms" : AuditLog.mask(cause.getMessage()));
            return fallback;
        }
    }

    private static List<String> texts(JsonNode array, Function<JsonNode, String> text) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(text.apply(node)));
        return out;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
