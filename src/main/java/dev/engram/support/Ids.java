package dev.engram.support;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers that name things (messages, sessions, completions), not secrets. {@link UUID#randomUUID()} draws from
 * one {@code SecureRandom} behind a lock, and every chat took several: under load the chat path queued on that lock.
 * Keys, client secrets and tokens keep {@code SecureRandom}.
 */
public final class Ids {
    private Ids() {}

    /** A random version 4 UUID from the calling thread's generator. */
    public static UUID uuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(high, low);
    }
}
