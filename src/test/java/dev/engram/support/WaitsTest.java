package dev.engram.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Backing off: the first value that passes is returned, and pauses double up to their ceiling. */
class WaitsTest {
    @Test
    void theFirstPassingReadEndsTheWait() {
        AtomicInteger reads = new AtomicInteger();
        int value = Waits.backingOff(reads::incrementAndGet, v -> v == 3, Duration.ofSeconds(10), Duration.ofMillis(1), Duration.ofMillis(4));
        assertEquals(3, value);
        assertEquals(3, reads.get());
    }

    @Test
    void pausesDoubleUpToTheCeilingSoASlowStateCostsFewReads() {
        AtomicInteger reads = new AtomicInteger();
        Waits.backingOff(reads::incrementAndGet, v -> false, Duration.ofMillis(300), Duration.ofMillis(10), Duration.ofMillis(80));
        // pauses of 10, 20, 40, 80, 80, 80 ms fill 300 ms: at most 7 reads (a fixed 10 ms pause would allow 31)
        assertTrue(reads.get() <= 7, reads.get() + " reads");
        assertTrue(reads.get() >= 2, "it read again after its first pause");
    }
}
