package dev.engram.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;
import java.util.function.BooleanSupplier;

/** Polling with a deadline, for tests that wait on a state another thread or process reaches. */
public final class Awaits {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private Awaits() {}

    /** Polls until the condition holds or the timeout passes; returns whether it held. */
    public static boolean until(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean held = condition.getAsBoolean();
        while (!held && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL_NANOS);
            held = condition.getAsBoolean();
        }
        return held;
    }

    /** Polls until the value satisfies {@code wanted} or the timeout passes; returns the last value read. */
    public static int value(Duration timeout, IntSupplier value, IntPredicate wanted) {
        int[] last = {value.getAsInt()};
        until(timeout, () -> wanted.test(last[0] = value.getAsInt()));
        return last[0];
    }
}
