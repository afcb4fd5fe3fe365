package dev.engram.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The events a raw realtime client received, awaited by type with a timeout; every type seen is remembered. */
public final class RealtimeEvents {
    private final LinkedBlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    /** The listener to give the WebSocket builder. */
    public java.net.http.WebSocket.Listener listener() {
        return JsonFrames.to(queue::add);
    }

    /** The next event of this type within 10 s, passing over others (which are still remembered). */
    public JsonNode next(String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            JsonNode event = queue.poll(100, TimeUnit.MILLISECONDS);
            if (event != null) {
                seen.add(event.path("type").asText());
                if (event.path("type").asText().equals(type)) {
                    return event;
                }
            }
        }
        throw new AssertionError("no " + type + " within 10 s; seen " + seen);
    }

    public List<String> seen() {
        return List.copyOf(seen);
    }
}
