package dev.engram.harness.steps;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** The poll interval of checks that await an eventually-consistent service (a deployed Zep's fact extraction). */
final class Waits {
    private Waits() {}

    /** Polls until the value satisfies the test or the timeout passes; returns the last value read. */
    static <T> T until(java.util.function.Supplier<T> read, java.util.function.Predicate<T> test, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = read.get();
        while (!test.test(value) && System.nanoTime() < deadline && pause(Duration.ofMillis(100))) {
            value = read.get();
        }
        return value;
    }

    /** Parks for the interval between two polls; returns true so it can sit in a loop condition. */
    static boolean pause(Duration interval) {
        LockSupport.parkNanos(interval.toNanos());
        return !Thread.currentThread().isInterrupted();
    }
}
