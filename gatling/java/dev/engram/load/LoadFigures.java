package dev.engram.load;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What one load run (or one shard of it) measured, in a form that adds up across shards: HdrHistograms of the chat
 * latency and of the voice turn (end of speech to the answer's complete transcript), with counts of chats and voice
 * sessions, ok and failed.
 *
 * <p>Chat latency runs from each chat's intended send time. Chat user k of an open model at r users/s is due k/r
 * seconds after the schedule's origin; the origin is placed so that no user arrived before it was due (the earliest
 * arrival relative to its slot), so a start-up offset is not counted while an injector or server that falls behind is.
 */
public final class LoadFigures {
    /** Latencies up to an hour, three significant digits. */
    public static final long HIGHEST_MS = TimeUnit.HOURS.toMillis(1);

    private final double chatUsersPerSecond;
    private final AtomicLong scheduled = new AtomicLong();
    private final ConcurrentLinkedQueue<long[]> scheduledChats = new ConcurrentLinkedQueue<>();
    private final Recorder otherChats = new Recorder(HIGHEST_MS, 3);
    private final Recorder voiceTurn = new Recorder(HIGHEST_MS, 3);
    private final AtomicLong chatOk = new AtomicLong();
    private final AtomicLong chatFailed = new AtomicLong();
    private final AtomicLong voiceOk = new AtomicLong();
    private final AtomicLong voiceFailed = new AtomicLong();

    /** Counts and histograms as they stand: what a shard writes when its run ends. */
    public record Snapshot(long chatOk, long chatFailed, long voiceOk, long voiceFailed, Histogram chat, Histogram voiceTurn) {}

    public LoadFigures(double chatUsersPerSecond) {
        this.chatUsersPerSecond = chatUsersPerSecond;
    }

    /** The slot of the next chat user of the open model: its place k in the arrival schedule. */
    long nextChatSlot() {
        return scheduled.getAndIncrement();
    }

    /** A scheduled chat (slot k) that arrived at {@code arrivedMs} and ended now. */
    void scheduledChat(long slot, long arrivedMs, boolean ok) {
        scheduledChats.add(new long[] {slot, arrivedMs, System.currentTimeMillis()});
        (ok ? chatOk : chatFailed).incrementAndGet();
    }

    /** A chat outside the schedule (inside another journey), timed from its own send. */
    void chat(long sentMs, boolean ok) {
        otherChats.recordValue(clamp(System.currentTimeMillis() - sentMs));
        (ok ? chatOk : chatFailed).incrementAndGet();
    }

    void voiceTurn(long speechEndMs) {
        voiceTurn.recordValue(clamp(System.currentTimeMillis() - speechEndMs));
    }

    void voiceSession(boolean ok) {
        (ok ? voiceOk : voiceFailed).incrementAndGet();
    }

    public Snapshot snapshot() {
        Histogram chat = otherChats.getIntervalHistogram();
        List<long[]> chats = List.copyOf(scheduledChats);
        double slotMs = 1000 / chatUsersPerSecond;
        long origin = chats.stream().mapToLong(c -> c[1] - Math.round(c[0] * slotMs)).min().orElse(0);
        chats.forEach(c -> chat.recordValue(clamp(c[2] - (origin + Math.round(c[0] * slotMs)))));
        return new Snapshot(chatOk.get(), chatFailed.get(), voiceOk.get(), voiceFailed.get(), chat, voiceTurn.getIntervalHistogram());
    }

    private static long clamp(long ms) {
        return Math.min(HIGHEST_MS, Math.max(0, ms));
    }
}
