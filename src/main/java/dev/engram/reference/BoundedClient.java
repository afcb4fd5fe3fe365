package dev.engram.reference;

import dev.engram.support.Json;
import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser end of a voice socket, with a bound on what waits for it: messages are written asynchronously, and a
 * client that stops reading while more than {@code maxQueuedBytes} are still unwritten is disconnected (a close frame
 * could not reach it either), so a reader that never reads costs bounded memory and the session is released.
 */
final class BoundedClient implements VoiceConversation.Client {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedClient.class);

    private final WsContext ctx;
    private final long maxQueuedBytes;
    private final AtomicLong queued = new AtomicLong();
    private final AtomicBoolean cut = new AtomicBoolean();

    BoundedClient(WsContext ctx, long maxQueuedBytes) {
        this.ctx = ctx;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    @Override
    public void send(Map<String, Object> message) {
        sendJson(Json.write(message));
    }

    @Override
    public synchronized void sendJson(String text) {
        if (cut.get() || !ctx.session.isOpen()) {
            return;
        }
        long size = text.length();
        if (queued.addAndGet(size) > maxQueuedBytes) {
            disconnect();
            return;
        }
        ctx.session.sendText(text, Callback.from(() -> queued.addAndGet(-size), failure -> queued.addAndGet(-size)));
    }

    @Override
    public void close(int code, String reason) {
        if (ctx.session.isOpen()) {
            ctx.closeSession(code, reason);
        }
    }

    private void disconnect() {
        if (cut.compareAndSet(false, true)) {
            LOG.warn("voice socket {}: the client is not reading ({} bytes waiting, limit ENGRAM_VOICE_MAX_QUEUED_BYTES = {}); disconnected",
                    ctx.pathParam("session_id"), queued.get(), maxQueuedBytes);
            ctx.session.disconnect();
        }
    }
}
