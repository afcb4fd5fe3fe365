package dev.engram.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.support.Json;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** A JDK WebSocket listener that reassembles text frames and hands each whole message over as JSON. */
public final class JsonFrames implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private final Consumer<JsonNode> sink;

    private JsonFrames(Consumer<JsonNode> sink) {
        this.sink = sink;
    }

    public static JsonFrames to(Consumer<JsonNode> sink) {
        return new JsonFrames(sink);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                sink.accept(Json.parse(partial.toString()));
            } catch (Exception e) {
                throw new IllegalStateException("a server frame is not JSON: " + partial, e);
            } finally {
                partial.setLength(0);
            }
        }
        socket.request(1);
        return null;
    }
}
