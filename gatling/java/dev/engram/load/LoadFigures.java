package dev.engram.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What one load run (or one shard of it) measured, in a form that adds up across shards: HdrHistograms of the chat
 * latency and of the voice turn (end of speech to the answer's complete transcript), with counts of chats and voice
 * sessions, ok and failed.
 *
 * <p>Chat latency runs from the moment Gatling's open model started the chat user, not from when a previous request
 * ended: users start on the injection schedule whatever the responses do, so a slow server cannot hold back the
 * sends it is measured by (no coordinated omission). An injector too starved to start users on schedule shows in the
 * delivered count, which the merge checks against the profile's intended chats.
 */
public final class LoadFigures {
    /** Latencies up to an hour, three significant digits. */
    public static final long HIGHEST_MS = TimeUnit.HOURS.toMillis(1);

    private final Recorder chat = new Recorder(HIGHEST_MS, 3);
    private final Recorder voiceTurn = new Recorder(HIGHEST_MS, 3);
    private final AtomicLong chatOk = new AtomicLong();
    private final AtomicLong chatFailed = new AtomicLong();
    private final AtomicLong voiceOk = new AtomicLong();
    private final AtomicLong voiceFailed = new AtomicLong();

    /** Counts and histograms as they stand: what a shard writes when its run ends. */
    public record Snapshot(long chatOk, long chatFailed, long voiceOk, long voiceFailed, Histogram chat, Histogram voiceTurn) {}

    /** A chat, timed from when its user started (or, inside another journey, from its own send). */
    void chat(long sentMs, boolean ok) {
        chat.recordValue(clamp(System.currentTimeMillis() - sentMs));
        (ok ? chatOk : chatFailed).incrementAndGet();
    }

    void voiceTurn(long speechEndMs) {
        voiceTurn.recordValue(clamp(System.currentTimeMillis() - speechEndMs));
    }

    void voiceSession(boolean ok) {
        (ok ? voiceOk : voiceFailed).incrementAndGet();
    }

    public Snapshot snapshot() {
        return new Snapshot(chatOk.get(), chatFailed.get(), voiceOk.get(), voiceFailed.get(), chat.getIntervalHistogram(), voiceTurn.getIntervalHistogram());
    }

    private static long clamp(long ms) {
        return Math.min(HIGHEST_MS, Math.max(0, ms));
    }
}
