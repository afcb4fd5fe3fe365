package dev.engram.harness.steps;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** The poll interval of checks that await an eventually-consistent service (a deployed Zep's fact extraction). */
final class Waits {
    private Waits() {}

    /** Parks for the interval between two polls; returns true so it can sit in a loop condition. */
    static boolean pause(Duration interval) {
        LockSupport.parkNanos(interval.toNanos());
        return !Thread.currentThread().isInterrupted();
    }
}
