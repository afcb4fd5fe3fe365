package dev.engram.load;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Where a simulation points. Gatling instantiates simulations by class name, so {@code ./harness load} hands the
 * resolved target over in-process ({@link #handOver}) for the length of the run; the token never becomes a system
 * property, where any tool that lists a JVM's properties would show it.
 */
public record LoadTarget(String api, String profileName, LoadProfile profile, String token, java.util.List<String> agents) {
    private static final AtomicReference<LoadTarget> HANDED_OVER = new AtomicReference<>();

    /** @param agents the agent ids the backend under test lists ({@code GET /api/v1/agents}) */
    public static LoadTarget of(String api, String profileName, String token, java.util.List<String> agents) {
        return new LoadTarget(api.replaceAll("/+$", ""), profileName, LoadProfile.named(profileName), token, java.util.List.copyOf(agents));
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
        return "LoadTarget[" + api + ", " + profileName + (token == null ? "" : ", a bearer token") + "]"; // never the token
    }
}
