package dev.engram.simulator.voicelive;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Append-only log of every frame in and out of every realtime session. Audio payloads are recorded by size only,
 * so the log stays small and readable.
 */
public final class SessionLog {
    public enum Direction { IN, OUT }

    public record Frame(String session, Direction direction, String type, Instant at, int bytes, String text) {}

    private final List<Frame> frames = new CopyOnWriteArrayList<>();

    void add(String session, Direction direction, String type, int bytes, String text) {
        frames.add(new Frame(session, direction, type, Instant.now(), bytes, text));
    }

    public List<Frame> all() {
        return List.copyOf(frames);
    }

    public List<Frame> of(String session) {
        return frames.stream().filter(f -> f.session().equals(session)).toList();
    }
}
