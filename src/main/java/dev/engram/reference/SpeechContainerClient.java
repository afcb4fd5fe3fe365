package dev.engram.reference;

import dev.engram.support.Json;
import dev.engram.support.TextMessages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Speech-to-text through the Speech container ({@code SPEECH_CONTAINER_MODE=true}, {@code SPEECH_CONTAINER_HOST}), the
 * WebSocket troubleshooting guide's Solutions 5: one continuous-recognition socket per voice session, speaking the
 * Speech service's WebSocket protocol (USP): {@code speech.config}, then the session's audio (a RIFF header first,
 * then PCM16 mono 24 kHz), and each {@code speech.phrase} that succeeds is handed on as the user's transcript.
 */
final class SpeechContainerClient implements AutoCloseable {
    private final String requestId = UUID.randomUUID().toString().replace("-", "");
    private final CompletableFuture<WebSocket> socket;
    private CompletableFuture<?> sending;
    private boolean started;

    private SpeechContainerClient(URI host, Consumer<String> phrases, Consumer<String> failures) {
        URI uri = URI.create(host.toString().replaceAll("/+$", "") + "/speech/recognition/conversation/cognitiveservices/v1?language=en-US&format=simple");
        this.socket = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build()
                .newWebSocketBuilder().header("X-ConnectionId", requestId).buildAsync(uri, TextMessages.to(message -> phrase(message, phrases)))
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        failures.accept("the Speech container at " + host + " cannot be reached: " + error.getMessage());
                    }
                });
        this.sending = socket.thenCompose(ws -> ws.sendText(text("speech.config", Json.write(java.util.Map.of("context",
                java.util.Map.of("system", java.util.Map.of("name", "engram-reference", "version", "1"))))), true));
    }

    /** Opens the recognition socket; phrases and failures arrive on the socket's thread. */
    static SpeechContainerClient open(URI host, Consumer<String> phrases, Consumer<String> failures) {
        return new SpeechContainerClient(host, phrases, failures);
    }

    /** Streams PCM16 mono 24 kHz samples, in order. */
    synchronized void audio(byte[] pcm) {
        byte[] chunk = started ? pcm : withWavHeader(pcm);
        started = true;
        ByteBuffer message = binary(chunk);
        sending = sending.thenCompose(ignored -> socket.join().sendBinary(message, true));
    }

    @Override
    public synchronized void close() {
        sending.thenCompose(ignored -> socket.join().sendBinary(binary(new byte[0]), true))
                .thenCompose(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "session ended"))
                .exceptionally(error -> null);
    }

    private ByteBuffer binary(byte[] audio) {
        byte[] headers = ("Path: audio\r\nX-RequestId: " + requestId + "\r\nX-Timestamp: " + Instant.now() + "\r\nContent-Type: audio/x-wav\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        ByteBuffer message = ByteBuffer.allocate(2 + headers.length + audio.length);
        message.putShort((short) headers.length).put(headers).put(audio).flip();
        return message;
    }

    private String text(String path, String json) {
        return "Path: " + path + "\r\nX-RequestId: " + requestId + "\r\nX-Timestamp: " + Instant.now() + "\r\nContent-Type: application/json\r\n\r\n" + json;
    }

    /** A RIFF header for an open-ended stream of PCM16 mono at 24 kHz, then the first samples. */
    private static byte[] withWavHeader(byte[] pcm) {
        ByteBuffer wav = ByteBuffer.allocate(44 + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(0).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(24_000).putInt(48_000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(0).put(pcm);
        return wav.array();
    }

    /** Reads the service's text messages: a successful {@code speech.phrase} is a transcript. */
    /** A recognised phrase's text, when {@code message} is a successful {@code speech.phrase}. */
    private static void phrase(String message, Consumer<String> phrases) {
        int split = message.indexOf("\r\n\r\n");
        if (split > 0 && message.substring(0, split).matches("(?is).*\\bPath:\\s*speech\\.phrase\\b.*")) {
            try {
                var phrase = Json.parse(message.substring(split + 4));
                if ("Success".equals(phrase.path("RecognitionStatus").asText())) {
                    phrases.accept(phrase.path("DisplayText").asText());
                }
            } catch (Exception e) {
                // not JSON: not a phrase this client can use
            }
        }
    }
}
