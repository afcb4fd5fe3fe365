package dev.engram.simulator.voicelive;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The most recent frames in and out of every realtime session ({@value #CAPACITY} at most, oldest dropped first, so a
 * long soak or a load run holds bounded memory and each frame costs O(1)). Audio payloads are recorded by size only,
 * so the log stays small and readable.
 */
public final class SessionLog {
    public static final int CAPACITY = 50_000;

    public enum Direction { IN, OUT }

    public record Frame(String session, Direction direction, String type, Instant at, int bytes, String text) {}

    private final ArrayDeque<Frame> frames = new ArrayDeque<>();

    synchronized void add(String session, Direction direction, String type, int bytes, String text) {
        if (frames.size() == CAPACITY) {
            frames.pollFirst();
        }
        frames.addLast(new Frame(session, direction, type, Instant.now(), bytes, text));
    }

    public synchronized List<Frame> all() {
        return List.copyOf(frames);
    }

    /** The frames logged at or after {@code from}, oldest first: a scenario's own, without copying the whole log. */
    public synchronized List<Frame> since(Instant from) {
        List<Frame> recent = new java.util.ArrayList<>();
        java.util.Iterator<Frame> newestFirst = frames.descendingIterator();
        while (newestFirst.hasNext()) {
            Frame frame = newestFirst.next();
            if (frame.at().isBefore(from)) {
                break;
            }
            recent.add(frame);
        }
        java.util.Collections.reverse(recent);
        return recent;
    }

    public synchronized List<Frame> of(String session) {
        return frames.stream().filter(f -> f.session().equals(session)).toList();
    }
}
