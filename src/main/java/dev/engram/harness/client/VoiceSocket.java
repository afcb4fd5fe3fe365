package dev.engram.harness.client;

import dev.engram.audio.Pcm16;
import dev.engram.support.Json;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * The browser's side of the SOP 10.2 voice socket. Every server message is kept in arrival order, so a check can
 * wait for one without losing the others; audio is sent in frames of 4096 samples, as the browser sends it.
 */
public final class VoiceSocket implements AutoCloseable {
    public static final int FRAME_SAMPLES = 4096;

    private final List<VoiceMessage> messages = new ArrayList<>();
    private final List<Long> arrivals = new ArrayList<>();
    private final List<Sent> sent = java.util.Collections.synchronizedList(new ArrayList<>());

    /** A client frame's kind ({@code audio}, {@code cancel}, ...) and when it left, for per-turn metrics. */
    public record Sent(String type, long nanos) {}

    /** One server message with its arrival time ({@link System#nanoTime()}). */
    public record Received(VoiceMessage message, long nanos) {}
    private final ByteArrayOutputStream audio = new ByteArrayOutputStream();
    private final CountDownLatch opened = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Client client;
    private volatile boolean wasOpened;
    private volatile String closeReason;
    private volatile int closeCode;

    private final class Client extends WebSocketClient {
        Client(URI uri, Map<String, String> headers) {
            super(uri, headers);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            wasOpened = true;
            opened.countDown();
        }

        @Override
        public void onMessage(String text) {
            VoiceMessage message = VoiceMessage.parse(text);
            synchronized (messages) {
                if (message.isAudio()) {
                    audio.writeBytes(Base64.getDecoder().decode(message.data()));
                }
                messages.add(message);
                arrivals.add(System.nanoTime());
                messages.notifyAll();
            }
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            closeCode = code;
            closeReason = reason;
            closed.countDown();
            opened.countDown();
            synchronized (messages) {
                messages.notifyAll();
            }
        }

        @Override
        public void onError(Exception e) {
            closeReason = e.toString();
        }
    }

    private VoiceSocket(URI uri, Map<String, String> headers) {
        this.client = new Client(uri, headers);
    }

    /** Opens {@code <api as ws>/api/v1/voice/voicelive/<sessionId>}; https becomes wss. */
    public static VoiceSocket open(String api, String sessionId, Optional<String> token, Duration timeout) {
        URI uri = URI.create(api.replaceFirst("^http", "ws") + "/api/v1/voice/voicelive/" + sessionId);
        VoiceSocket socket = new VoiceSocket(uri, token.map(t -> Map.of("Authorization", "Bearer " + t)).orElse(Map.of()));
        socket.client.connect();
        try {
            if (!socket.opened.await(timeout.toMillis(), TimeUnit.MILLISECONDS) || !socket.wasOpened) {
                throw new TargetUnreachable(uri.toString(), new IllegalStateException(
                        "the voice socket did not open" + (socket.closeReason == null ? "" : ": " + socket.closeReason)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening " + uri, e);
        }
        return socket;
    }

    public void send(String frame) {
        client.send(frame);
        sent.add(new Sent("raw", System.nanoTime()));
    }

    public void sendJson(Map<String, ?> message) {
        client.send(Json.write(message));
        sent.add(new Sent(String.valueOf(message.get("type")), System.nanoTime()));
    }

    /** Server messages from an index on, each with its arrival time. */
    public List<Received> receivedFrom(int from) {
        synchronized (messages) {
            List<Received> out = new ArrayList<>();
            for (int i = from; i < messages.size(); i++) {
                out.add(new Received(messages.get(i), arrivals.get(i)));
            }
            return out;
        }
    }

    /** Every client frame sent, in order. */
    public List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /** Streams audio in browser-sized frames; {@code realTime} paces them as a microphone would. */
    public void speak(Pcm16 speech, boolean realTime) {
        byte[] pcm = speech.toBytes();
        int frame = FRAME_SAMPLES * 2;
        long frameNanos = TimeUnit.MILLISECONDS.toNanos(FRAME_SAMPLES * 1000L / Pcm16.RATE);
        long next = System.nanoTime();
        for (int offset = 0; offset < pcm.length; offset += frame) {
            byte[] chunk = java.util.Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + frame));
            sendJson(Map.of("type", "audio", "data", Base64.getEncoder().encodeToString(chunk)));
            if (realTime) {
                next += frameNanos;
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }
    }

    /** Waits for the first message at or after {@code from} that matches; returns its index. */
    public int await(int from, Predicate<VoiceMessage> wanted, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (messages) {
            int i = from;
            while (true) {
                for (; i < messages.size(); i++) {
                    if (wanted.test(messages.get(i))) {
                        return i;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed.getCount() == 0) {
                    throw new VoiceTimeout(what, timeout, summary(from));
                }
                try {
                    messages.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new VoiceTimeout(what, timeout, summary(from));
                }
            }
        }
    }

    public VoiceMessage message(int index) {
        synchronized (messages) {
            return messages.get(index);
        }
    }

    public int size() {
        synchronized (messages) {
            return messages.size();
        }
    }

    public List<VoiceMessage> messagesFrom(int from) {
        synchronized (messages) {
            return List.copyOf(messages.subList(from, messages.size()));
        }
    }

    public byte[] audioReceived() {
        synchronized (messages) {
            return audio.toByteArray();
        }
    }

    public boolean awaitClosed(Duration timeout) {
        try {
            return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean isOpen() {
        return client.isOpen();
    }

    public String closeDescription() {
        return closeCode + (closeReason == null ? "" : " " + closeReason);
    }

    /** The messages from {@code from} on, audio abbreviated: what a failed check shows as "seen". */
    public String summary(int from) {
        StringBuilder out = new StringBuilder();
        int audioFrames = 0;
        for (VoiceMessage m : messagesFrom(from)) {
            if (m.isAudio()) {
                audioFrames++;
                continue;
            }
            if (audioFrames > 0) {
                out.append("[").append(audioFrames).append(" audio frames] ");
                audioFrames = 0;
            }
            out.append(m).append(' ');
        }
        if (audioFrames > 0) {
            out.append("[").append(audioFrames).append(" audio frames]");
        }
        if (closed.getCount() == 0) {
            out.append(" (socket closed: ").append(closeDescription()).append(")");
        }
        return out.length() == 0 ? "(no messages)" : out.toString().trim();
    }

    @Override
    public void close() {
        try {
            client.closeBlocking();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Nothing matching arrived in time; carries what did arrive. */
    public static final class VoiceTimeout extends RuntimeException {
        public VoiceTimeout(String what, Duration timeout, String seen) {
            super("no " + what + " within " + timeout.toSeconds() + " s; seen: " + seen);
        }

        public String seen() {
            return getMessage();
        }
    }
}
