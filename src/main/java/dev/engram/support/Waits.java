package dev.engram.support;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Polling with a deadline, for checks and tests that await a state another thread, process or service reaches (a
 * deployed Zep's fact extraction, a session count returning to zero).
 */
public final class Waits {
    private Waits() {}

    /** Polls until the value satisfies the test or the timeout passes; returns the last value read. */
    public static <T> T until(java.util.function.Supplier<T> read, java.util.function.Predicate<T> test, Duration timeout) {
        return backingOff(read, test, timeout, Duration.ofMillis(100), Duration.ofMillis(100));
    }

    /**
     * As {@link #until}, for reads that cost something (a chat with a model behind it): the first pause is {@code first},
     * and each pause doubles up to {@code most}. A state that is quick to arrive costs no wait, a slow one few reads.
     */
    public static <T> T backingOff(java.util.function.Supplier<T> read, java.util.function.Predicate<T> test, Duration timeout, Duration first, Duration most) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = read.get();
        Duration interval = first;
        while (!test.test(value) && System.nanoTime() < deadline && pause(interval)) {
            value = read.get();
            interval = interval.multipliedBy(2).compareTo(most) > 0 ? most : interval.multipliedBy(2);
        }
        return value;
    }

    /** Parks for the interval between two polls; returns true so it can sit in a loop condition. */
    public static boolean pause(Duration interval) {
        LockSupport.parkNanos(interval.toNanos());
        return !Thread.currentThread().isInterrupted();
    }
}
