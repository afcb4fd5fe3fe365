package dev.engram.simulator.support;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fault a simulator currently applies, for its next {@code times} uses ({@code null}: until cleared). Thread-safe:
 * each request or response takes at most one use.
 */
public final class Armed<T> {
    private final AtomicReference<T> armed = new AtomicReference<>();
    private final AtomicInteger remaining = new AtomicInteger();

    public void arm(T fault, Integer times) {
        remaining.set(times == null ? Integer.MAX_VALUE : times);
        armed.set(fault);
    }

    public void clear() {
        armed.set(null);
    }

    /** The fault that applies to what is arriving now, if any; consumes one use. */
    public Optional<T> take() {
        T fault = armed.get();
        if (fault == null) {
            return Optional.empty();
        }
        if (remaining.getAndDecrement() <= 0) {
            armed.compareAndSet(fault, null);
            return Optional.empty();
        }
        return Optional.of(fault);
    }
}
