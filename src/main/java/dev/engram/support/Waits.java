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
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = read.get();
        while (!test.test(value) && System.nanoTime() < deadline && pause(Duration.ofMillis(100))) {
            value = read.get();
        }
        return value;
    }

    /** Parks for the interval between two polls; returns true so it can sit in a loop condition. */
    public static boolean pause(Duration interval) {
        LockSupport.parkNanos(interval.toNanos());
        return !Thread.currentThread().isInterrupted();
    }
}
