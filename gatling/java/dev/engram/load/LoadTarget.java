package dev.engram.load;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Where a simulation points. Gatling instantiates simulations by class name, so {@code ./harness load} hands the
 * resolved target over in-process ({@link #handOver}) for the length of the run; the token never becomes a system
 * property, where any tool that lists a JVM's properties would show it.
 */
public record LoadTarget(String api, String profileName, LoadProfile profile, String token, java.util.List<String> agents, Shard shard,
        LoadFigures figures) {
    /** Shard {@code index} of {@code count} (1-based): its part of the profile's users. {@code 1/1} is a whole run. */
    public record Shard(int index, int count) {
        public static final Shard WHOLE = new Shard(1, 1);

        public Shard {
            if (count < 1 || index < 1 || index > count) {
                throw new IllegalArgumentException("a shard is i/N with 1 <= i <= N, not " + index + "/" + count);
            }
        }

        /** This shard's part of {@code total} things dealt round-robin: the N parts add up to the total exactly. */
        public long share(long total) {
            return total / count + (index <= total % count ? 1 : 0);
        }

        /** Parses {@code i/N}. */
        public static Shard parse(String text) {
            String[] parts = text.trim().split("/");
            try {
                if (parts.length == 2) {
                    return new Shard(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--shard takes i/N (for example 2/3), not '" + text + "'");
        }

        @Override
        public String toString() {
            return index + "/" + count;
        }
    }

    private static final AtomicReference<LoadTarget> HANDED_OVER = new AtomicReference<>();

    /** @param agents the agent ids the backend under test lists ({@code GET /api/v1/agents}) */
    public static LoadTarget of(String api, String profileName, LoadProfile whole, String token, java.util.List<String> agents, Shard shard) {
        LoadProfile part = whole.shard(shard);
        return new LoadTarget(api.replaceAll("/+$", ""), profileName, part, token, java.util.List.copyOf(agents), shard, new LoadFigures());
    }

    /** Makes this the target of the simulations started until the returned handle is closed. */
    public AutoCloseable handOver() {
        HANDED_OVER.set(this);
        return () -> HANDED_OVER.compareAndSet(this, null);
    }

    public static LoadTarget handedOver() {
        LoadTarget target = HANDED_OVER.get();
        if (target == null) {
            throw new IllegalArgumentException("no load target was handed over; run simulations through ./harness load");
        }
        return target;
    }

    public String ws() {
        return api.replaceFirst("^http", "ws");
    }

    @Override
    public String toString() {
        return "LoadTarget[" + api + ", " + profileName + " shard " + shard + (token == null ? "" : ", a bearer token") + "]"; // never the token
    }
}
