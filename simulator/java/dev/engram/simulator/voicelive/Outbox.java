package dev.engram.simulator.voicelive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.support.Json;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Sends a session's server events in order, at least {@code minGapMillis} apart (the official SDK parses frames on
 * worker threads and reorders frames that arrive back to back), with an optional pause before an event (real-time
 * audio) and a guard checked just before sending (a cancelled response's remaining events are dropped).
 */
final class Outbox implements AutoCloseable {
    private final ExecutorService sender;
    private final Consumer<ObjectNode> sent;
    private final java.util.function.Function<ObjectNode, java.util.Optional<ObjectNode>> dialect;
    private final Consumer<String> wire;
    private final long minGapNanos;
    private long lastSent;

    Outbox(String name, Consumer<String> wire, Consumer<ObjectNode> sent, long minGapMillis) {
        this(name, wire, sent, minGapMillis, java.util.Optional::of);
    }

    /** {@code dialect} turns each event into the api-version's own (renamed, reshaped), or drops it. */
    Outbox(String name, Consumer<String> wire, Consumer<ObjectNode> sent, long minGapMillis,
           java.util.function.Function<ObjectNode, java.util.Optional<ObjectNode>> dialect) {
        this.dialect = dialect;
        this.wire = wire;
        this.sent = sent;
        this.minGapNanos = TimeUnit.MILLISECONDS.toNanos(minGapMillis);
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "voicelive-outbox-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    void send(ObjectNode event) {
        send(event, 0, () -> true);
    }

    void send(ObjectNode event, long pauseMillis, BooleanSupplier guard) {
        try {
            sender.execute(() -> {
                if (pauseMillis > 0 && !guard.getAsBoolean()) {
                    return; // a paused event that is no longer wanted costs no time (guards of paused events are pure)
                }
                long wait = Math.max(lastSent + minGapNanos - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(pauseMillis));
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (!guard.getAsBoolean()) {
                    return;
                }
                java.util.Optional<ObjectNode> spoken = dialect.apply(event.deepCopy());
                if (spoken.isEmpty()) {
                    return; // this api-version has no such event
                }
                wire.accept(Json.write(spoken.get()));
                sent.accept(spoken.get());
                lastSent = System.nanoTime();
            });
        } catch (RejectedExecutionException closed) {
            // the socket closed; events for it are dropped
        }
    }

    /** Runs an action in sequence with the sends (after everything queued so far). */
    void then(Runnable action) {
        try {
            sender.execute(action);
        } catch (RejectedExecutionException closed) {
            // closed
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
