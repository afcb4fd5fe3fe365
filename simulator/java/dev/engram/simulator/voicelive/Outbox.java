package dev.engram.simulator.voicelive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.support.Json;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Sends a session's server events in order, at least {@code minGapMillis} apart (the official SDK parses frames on
 * worker threads and reorders frames that arrive back to back), with an optional pause before an event (real-time
 * audio) and a guard checked just before sending (a cancelled response's remaining events are dropped).
 *
 * <p>Every session's outbox runs on one small shared scheduler: a session waiting for its next frame holds no
 * thread. Pauses are kept on a fixed schedule: an event is due its pause after the previous event was <em>due</em>,
 * not after it went out, so real-time audio does not drift; a session that fell behind catches up at once.
 */
final class Outbox implements AutoCloseable {
    private static final ScheduledExecutorService SCHEDULER = Executors.newScheduledThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "voicelive-outbox");
                t.setDaemon(true);
                return t;
            });

    /** An event to send, or an action to run in sequence ({@code event} null). */
    private record Task(ObjectNode event, long pauseNanos, BooleanSupplier guard, Runnable action) {}

    private final java.util.function.BiConsumer<ObjectNode, String> sent;
    private final Function<ObjectNode, Optional<ObjectNode>> dialect;
    private final Consumer<String> wire;
    private volatile java.util.function.BiConsumer<Integer, String> hangUp = (code, reason) -> { };
    private final long minGapNanos;
    private final ArrayDeque<Task> queue = new ArrayDeque<>();
    private boolean draining;
    private boolean closed;
    private long headDue = -1;
    private long anchor = System.nanoTime();
    private long lastSent = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
    /** What the running action sends, which goes out next, ahead of anything queued after the action; null between actions. */
    private java.util.List<Task> actionSends;
    private Thread actionThread;

    /**
     * {@code sent} hears each event as it went out, with its wire text; {@code dialect} turns each event into the
     * api-version's own (renamed, reshaped), or drops it.
     */
    Outbox(Consumer<String> wire, java.util.function.BiConsumer<ObjectNode, String> sent, long minGapMillis, Function<ObjectNode, Optional<ObjectNode>> dialect) {
        this.dialect = dialect;
        this.wire = wire;
        this.sent = sent;
        this.minGapNanos = TimeUnit.MILLISECONDS.toNanos(minGapMillis);
    }

    void send(ObjectNode event) {
        send(event, 0, () -> true);
    }

    void send(ObjectNode event, long pauseMillis, BooleanSupplier guard) {
        enqueue(new Task(event, TimeUnit.MILLISECONDS.toNanos(pauseMillis), guard, null));
    }

    /** How the socket is closed from the service's side (a status code and a reason). */
    void onHangUp(java.util.function.BiConsumer<Integer, String> closer) {
        this.hangUp = closer;
    }

    /** Closes the socket from the service's side, in sequence with the sends. */
    void hangUp(int code, String reason) {
        then(() -> hangUp.accept(code, reason));
    }

    /**
     * Runs an action in sequence with the sends (after everything queued so far). What the action sends goes out right
     * after it, ahead of whatever was queued while the action waited its turn: a cancelled response ends before the
     * events of the turn that cancelled it.
     */
    void then(Runnable action) {
        enqueue(new Task(null, 0, () -> true, action));
    }

    private synchronized void enqueue(Task task) {
        if (closed) {
            return; // the socket closed; events for it are dropped
        }
        if (actionSends != null && Thread.currentThread() == actionThread) {
            actionSends.add(task);
            return;
        }
        if (queue.isEmpty()) {
            anchor = Math.max(anchor, System.nanoTime()); // after idling, pauses count from now
        }
        queue.add(task);
        if (!draining) {
            draining = true;
            SCHEDULER.execute(this::drain);
        }
    }

    /** Sends what is due, in order; schedules itself again for the next due time rather than waiting. */
    private void drain() {
        while (true) {
            Task task;
            synchronized (this) {
                task = queue.peek();
                if (task == null || closed) {
                    draining = false;
                    return;
                }
            }
            if (task.action() != null) {
                take();
                runAction(task.action());
                continue;
            }
            if (task.pauseNanos() > 0 && !task.guard().getAsBoolean()) {
                take(); // a paused event no longer wanted costs no time (guards of paused events are pure)
                continue;
            }
            long now = System.nanoTime();
            if (headDue < 0) {
                headDue = Math.max(lastSent + minGapNanos, anchor + task.pauseNanos());
            }
            if (headDue - now > 200_000) {
                SCHEDULER.schedule(this::drain, headDue - now, TimeUnit.NANOSECONDS);
                return;
            }
            long due = headDue;
            take();
            anchor = due;
            if (task.guard().getAsBoolean()) {
                Optional<ObjectNode> spoken = dialect.apply(task.event().deepCopy());
                if (spoken.isPresent()) {
                    String text = Json.write(spoken.get());
                    wire.accept(text);
                    sent.accept(spoken.get(), text);
                    lastSent = System.nanoTime();
                }
            }
        }
    }

    private void runAction(Runnable action) {
        synchronized (this) {
            actionSends = new java.util.ArrayList<>();
            actionThread = Thread.currentThread();
        }
        try {
            action.run();
        } finally {
            synchronized (this) {
                for (int i = actionSends.size() - 1; i >= 0 && !closed; i--) {
                    queue.addFirst(actionSends.get(i));
                }
                actionSends = null;
                actionThread = null;
            }
        }
    }

    private synchronized void take() {
        queue.poll();
        headDue = -1;
    }

    @Override
    public synchronized void close() {
        closed = true;
        queue.clear();
    }
}
