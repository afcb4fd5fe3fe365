package dev.engram.reference;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connection-state monitoring of the voice path (the guide's "Code Implementation"): {@code connecting},
 * {@code connected}, {@code reconnecting} (X/5) and {@code failed}, each with the time it was entered and the guide's
 * own log line. While the path is failed, a background probe retries with a growing interval until the endpoint
 * answers again, so voice recovers without a restart.
 */
public final class VoiceLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VoiceLink.class);
    private static final int HISTORY = 64;

    /** One state entered: its name, the attempt (1-5) it belongs to, when, and the line logged for it. */
    public record State(String state, int attempt, Instant since, String message) {}

    private final Deque<State> history = new ArrayDeque<>();
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "voice-link-probe");
        t.setDaemon(true);
        return t;
    });
    private State current = new State("idle", 0, Instant.now(), "no voice session yet");
    private boolean probing;

    synchronized void connecting(int attempt, String url) {
        enter("connecting", attempt, "Connecting to Azure Speech Services at " + url);
        LOG.info(current.message());
    }

    synchronized void reconnecting(int attempt, String cause) {
        enter("reconnecting", attempt, "Attempting to reconnect (" + attempt + "/" + ConnectivitySettings.MAX_ATTEMPTS + ") after: " + cause);
        LOG.warn(current.message());
    }

    synchronized void connected(int attempt) {
        enter("connected", attempt, "WebSocket connection established successfully");
        LOG.info(current.message());
    }

    synchronized void failed(int attempt, String cause) {
        enter("failed", attempt, "Voice Live API (WebSocket): Status: " + cause);
        LOG.warn(current.message());
    }

    /**
     * While failed, re-probes the endpoint every 1, 2, 4 ... 15 s; the first success enters {@code connected}.
     *
     * @param probe the connectivity check's status for the endpoint, {@code OK} when it answered
     */
    synchronized void recoverWith(Supplier<String> probe) {
        if (probing || !current.state().equals("failed")) {
            return;
        }
        probing = true;
        schedule(probe, Duration.ofSeconds(1));
    }

    private void schedule(Supplier<String> probe, Duration delay) {
        prober.schedule(() -> {
            String status = probe.get();
            synchronized (this) {
                if (status.equals("OK")) {
                    probing = false;
                    enter("connected", 0, "WebSocket connection established successfully (the endpoint answers again)");
                    LOG.info(current.message());
                    return;
                }
            }
            schedule(probe, delay.multipliedBy(2).compareTo(Duration.ofSeconds(15)) > 0 ? Duration.ofSeconds(15) : delay.multipliedBy(2));
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized State current() {
        return current;
    }

    public synchronized List<State> history() {
        return List.copyOf(history);
    }

    /** The cause of the last failure while the path is still down, for a voice socket that should not wait on it. */
    public synchronized Optional<String> down() {
        return current.state().equals("failed") ? Optional.of(current.message()) : Optional.empty();
    }

    public synchronized boolean degraded() {
        return current.state().equals("failed");
    }

    private void enter(String state, int attempt, String message) {
        current = new State(state, attempt, Instant.now(), message);
        history.addLast(current);
        while (history.size() > HISTORY) {
            history.removeFirst();
        }
    }

    @Override
    public void close() {
        prober.shutdownNow();
    }
}
