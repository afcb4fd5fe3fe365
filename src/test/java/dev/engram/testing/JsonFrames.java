package dev.engram.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.support.Json;
import dev.engram.support.TextMessages;
import java.net.http.WebSocket;
import java.util.function.Consumer;

/** A JDK WebSocket listener that hands each whole server message over as JSON; a message that is not JSON fails. */
public final class JsonFrames {
    private JsonFrames() {}

    public static WebSocket.Listener to(Consumer<JsonNode> sink) {
        return TextMessages.to(message -> {
            try {
                sink.accept(Json.parse(message));
            } catch (Exception e) {
                throw new IllegalStateException("a server frame is not JSON: " + message, e);
            }
        });
    }
}
