package dev.engram.simulator.speech;

import dev.engram.audio.Fixture;
import dev.engram.audio.FixtureRegistry;
import dev.engram.audio.Pcm16;
import dev.engram.support.Json;
import dev.engram.support.LoopbackServer;
import io.javalin.config.JavalinConfig;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Speech-to-text container ({@code SPEECH_CONTAINER_HOST}, {@code ws://host:5000}) as the official Speech SDK
 * reaches it with {@code SpeechConfig.fromHost}: {@code /speech/recognition/{interactive|conversation|dictation}/
 * cognitiveservices/v1?language=...}. It speaks the service's WebSocket protocol (USP, see {@code simulator/SPEECH-USP.md}):
 * it takes {@code speech.config}, {@code speech.context} and audio messages (a RIFF header, then PCM16 mono),
 * finds utterances by energy, recognises them against the audio fixtures, and answers {@code turn.start},
 * {@code speech.startDetected}, {@code speech.hypothesis}, {@code speech.endDetected}, {@code speech.phrase} and
 * {@code turn.end}. Interactive mode ends the turn after one phrase; conversation and dictation go on until the audio ends.
 */
public final class SpeechContainerSimulator implements AutoCloseable {
    private static final String PATH = "/speech/recognition/{mode}/cognitiveservices/v1";
    private final FixtureRegistry fixtures;
    private final Map<String, Recognition> recognitions = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final LoopbackServer server;

    private SpeechContainerSimulator(Path fixtureFolder) {
        this.fixtures = new FixtureRegistry(fixtureFolder);
        this.server = LoopbackServer.start("speech container simulator", this::routes);
    }

    public static SpeechContainerSimulator start(Path fixtureFolder) {
        return new SpeechContainerSimulator(fixtureFolder);
    }

    /** The value for {@code SPEECH_CONTAINER_HOST}: {@code ws://127.0.0.1:port}. */
    public String host() {
        return server.url().replaceFirst("^http", "ws");
    }

    /** How many recognition sockets have connected. */
    public int connections() {
        return connections.get();
    }

    private void routes(JavalinConfig config) {
        config.routes.ws(PATH, this::socket);
        config.routes.get("/ready", ctx -> ctx.result("ready")); // the container's readiness probe
        config.routes.get("/status", ctx -> ctx.json(Map.of("status", "ready", "connections", connections.get())));
    }

    private void socket(WsConfig ws) {
        ws.onConnect(ctx -> {
            connections.incrementAndGet();
            String mode = ctx.pathParam("mode");
            recognitions.put(ctx.sessionId(), new Recognition(ctx, !mode.equals("interactive"), "detailed".equals(ctx.queryParam("format"))));
        });
        ws.onMessage(ctx -> Optional.ofNullable(recognitions.get(ctx.sessionId())).ifPresent(r -> r.text(UspMessage.parseText(ctx.message()))));
        ws.onBinaryMessage(ctx -> Optional.ofNullable(recognitions.get(ctx.sessionId()))
                .ifPresent(r -> r.audio(UspMessage.parseBinary(ctx.data()))));
        ws.onClose(ctx -> recognitions.remove(ctx.sessionId()));
        ws.onError(ctx -> recognitions.remove(ctx.sessionId()));
    }

    /** One socket's recognition: the audio stream, utterance detection and the turn's messages. */
    private final class Recognition {
        private static final int FRAME_MS = 20;
        private static final double LOUD = 32768 * Math.pow(10, -40 / 20.0);
        private final WsContext ctx;
        private final boolean continuous;
        private final boolean detailed;
        private String requestId = "";
        private int rate;
        private boolean turnOpen;
        private boolean turnDone;
        private boolean turnHadPhrase;
        private byte[] pcm = new byte[0]; // the turn's samples so far, read in place: frames are not copied out of a copy
        private int length;
        private long analysedMs;
        private long speechStartMs = -1;
        private long lastLoudMs;
        private int loudRun;

        Recognition(WsContext ctx, boolean continuous, boolean detailed) {
            this.ctx = ctx;
            this.continuous = continuous;
            this.detailed = detailed;
        }

        synchronized void text(UspMessage message) {
            newTurnIfNew(message.requestId());
        }

        /** A new X-RequestId starts a new turn: the SDK opens one per recognition, and sends its audio afresh. */
        private void newTurnIfNew(String id) {
            if (id == null || id.equals(requestId)) {
                return;
            }
            requestId = id;
            turnOpen = false;
            turnDone = false;
            turnHadPhrase = false;
            rate = 0;
            length = 0;
            analysedMs = 0;
            speechStartMs = -1;
            loudRun = 0;
        }

        synchronized void audio(UspMessage message) {
            newTurnIfNew(message.requestId());
            if (turnDone) {
                return;
            }
            if (!turnOpen) {
                turnOpen = true;
                send("turn.start", Json.write(Map.of("context", Map.of("serviceTag", UUID.randomUUID().toString().replace("-", "")))));
            }
            byte[] body = message.body();
            if (body.length == 0) {
                endOfAudio();
                return;
            }
            if (rate == 0) {
                body = header(body);
            }
            if (length + body.length > pcm.length) {
                pcm = java.util.Arrays.copyOf(pcm, Math.max(length + body.length, pcm.length * 2));
            }
            System.arraycopy(body, 0, pcm, length, body.length);
            length += body.length;
            analyse();
        }

        /** The RIFF header of the first audio message: its sample rate, and where the samples begin. */
        private byte[] header(byte[] body) {
            rate = 16_000;
            if (body.length < 12 || !new String(body, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")) {
                return body;
            }
            ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
            int at = 12;
            while (at + 8 <= body.length) {
                String id = new String(body, at, 4, StandardCharsets.US_ASCII);
                int size = b.getInt(at + 4);
                if (id.equals("fmt ")) {
                    rate = b.getInt(at + 12);
                } else if (id.equals("data")) {
                    return java.util.Arrays.copyOfRange(body, at + 8, body.length);
                }
                at += 8 + Math.max(0, size);
            }
            return new byte[0];
        }

        /** Energy VAD in 20 ms frames: speech after 60 ms loud, an utterance ends after 500 ms quiet. */
        private void analyse() {
            int frameBytes = rate / 1000 * FRAME_MS * 2;
            while ((analysedMs / FRAME_MS + 1) * frameBytes <= length) {
                int from = (int) (analysedMs / FRAME_MS * frameBytes);
                Pcm16 frame = Pcm16.fromBytes(java.util.Arrays.copyOfRange(pcm, from, from + frameBytes), rate);
                boolean loud = frame.rms(0, frame.samples().length) >= LOUD;
                analysedMs += FRAME_MS;
                if (speechStartMs < 0) {
                    loudRun = loud ? loudRun + 1 : 0;
                    if (loudRun == 3) {
                        speechStartMs = Math.max(0, analysedMs - 3 * FRAME_MS);
                        lastLoudMs = analysedMs;
                        send("speech.startDetected", Json.write(Map.of("Offset", ticks(speechStartMs))));
                    }
                } else if (loud) {
                    lastLoudMs = analysedMs;
                } else if (analysedMs - lastLoudMs >= 500) {
                    utterance();
                    if (!continuous) {
                        endTurn();
                        return;
                    }
                }
            }
        }

        private void endOfAudio() {
            if (speechStartMs >= 0) {
                utterance();
            }
            if (continuous) { // all the audio was heard: the SDK need not send any of it again
                send("speech.phrase", Json.write(Map.of("RecognitionStatus", "EndOfDictation", "Offset", ticks(analysedMs), "Duration", 0)));
            } else if (!turnHadPhrase) {
                long duration = analysedMs;
                send("speech.phrase", Json.write(Map.of("RecognitionStatus", "InitialSilenceTimeout", "Offset", 0, "Duration", ticks(duration))));
            }
            endTurn();
        }

        /** The utterance from its start to its last loud frame: hypothesis, end, phrase. */
        private void utterance() {
            long start = speechStartMs;
            long end = lastLoudMs;
            speechStartMs = -1;
            loudRun = 0;
            int from = (int) Math.min(length, Math.max(0, start - 300) * rate / 1000 * 2);
            int to = (int) Math.min(length, (end + 300) * rate / 1000 * 2);
            Pcm16 said = Pcm16.fromBytes(java.util.Arrays.copyOfRange(pcm, from - from % 2, to - to % 2), rate).resampledTo(Pcm16.RATE);
            Optional<String> text = fixtures.recognise(said).map(Fixture::transcript).filter(t -> !t.isBlank());
            long offset = ticks(start);
            long duration = ticks(end - start);
            text.ifPresent(t -> send("speech.hypothesis", Json.write(Map.of("Text", lexical(t), "Offset", offset, "Duration", duration))));
            send("speech.endDetected", Json.write(Map.of("Offset", ticks(end))));
            turnHadPhrase = true;
            if (text.isEmpty()) {
                send("speech.phrase", Json.write(Map.of("RecognitionStatus", "NoMatch", "Offset", offset, "Duration", duration)));
                return;
            }
            Map<String, Object> phrase = new java.util.LinkedHashMap<>();
            phrase.put("RecognitionStatus", "Success");
            phrase.put("Offset", offset);
            phrase.put("Duration", duration);
            if (detailed) {
                phrase.put("NBest", java.util.List.of(Map.of("Confidence", 0.93, "Lexical", lexical(text.get()), "ITN", lexical(text.get()),
                        "MaskedITN", lexical(text.get()), "Display", text.get())));
            } else {
                phrase.put("DisplayText", text.get());
            }
            send("speech.phrase", Json.write(phrase));
        }

        private void endTurn() {
            if (!turnDone) {
                turnDone = true;
                send("turn.end", "{}");
            }
        }

        private void send(String path, String json) {
            if (ctx.session.isOpen()) {
                ctx.send(UspMessage.serviceText(path, requestId, json));
            }
        }

        private static long ticks(long ms) {
            return ms * 10_000; // the protocol's offsets and durations are in 100-ns ticks
        }

        private static String lexical(String display) {
            return display.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}' ]", "").trim();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
