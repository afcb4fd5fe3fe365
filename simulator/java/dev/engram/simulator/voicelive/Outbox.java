package dev.engram.simulator.voicelive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.simulator.support.Json;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Sends a session's server events in order, at least {@code minGapMillis} apart: the official SDK parses frames on
 * worker threads and reorders frames that arrive back to back.
 */
final class Outbox implements AutoCloseable {
    private final ExecutorService sender;
    private final Consumer<String> wire;
    private final long minGapNanos;
    private long lastSent;

    Outbox(String name, Consumer<String> wire, long minGapMillis) {
        this.wire = wire;
        this.minGapNanos = TimeUnit.MILLISECONDS.toNanos(minGapMillis);
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "voicelive-outbox-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    void send(ObjectNode event) {
        String text = Json.write(event);
        try {
            sender.execute(() -> {
                long wait = lastSent + minGapNanos - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                wire.accept(text);
                lastSent = System.nanoTime();
            });
        } catch (RejectedExecutionException closed) {
            // the socket closed; events for it are dropped
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
