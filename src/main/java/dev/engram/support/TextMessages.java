package dev.engram.support;

import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** A JDK WebSocket listener that reassembles text frames and hands each whole message over, in order. */
public final class TextMessages implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private final Consumer<String> each;
    private BiConsumer<Integer, String> closed = (code, reason) -> { };

    private TextMessages(Consumer<String> each) {
        this.each = each;
    }

    public static TextMessages to(Consumer<String> each) {
        return new TextMessages(each);
    }

    /** Also tells {@code closed} the peer's close code and reason. */
    public TextMessages onClose(BiConsumer<Integer, String> closed) {
        this.closed = closed;
        return this;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String message = partial.toString();
            partial.setLength(0);
            each.accept(message);
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
        closed.accept(code, reason);
        return null;
    }
}
