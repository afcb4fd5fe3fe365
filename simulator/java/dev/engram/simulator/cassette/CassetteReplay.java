package dev.engram.simulator.cassette;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.support.Json;
import dev.engram.support.LoopbackServer;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays a cassette back as VoiceLive, with the recorded timing anchored to the client's own actions: what followed
 * the connect is sent after the connect, what followed a commit after the client's commit, and so on. A client that
 * departs from the recorded sequence gets an {@code error} event naming the cassette frame, and the socket closes:
 * never a hang. Redacted audio is played as silence of the same length.
 */
public final class CassetteReplay implements AutoCloseable {
    private static final Pattern REDACTED = Pattern.compile("<(\\d+) base64 chars redacted>");

    private final List<Cassette.Frame> frames;
    private final LoopbackServer server;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cassette-replay");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Player> players = new ConcurrentHashMap<>();

    /** One client's replay: where it is in the cassette. */
    private final class Player {
        final WsContext client;
        int cursor;
        boolean audioSinceAction;

        Player(WsContext client) {
            this.client = client;
        }

        /** Sends every out frame of an anchor at its recorded offset from now. */
        void play(int anchor) {
            for (Cassette.Frame frame : frames) {
                if (frame.dir().equals("out") && frame.anchor() == anchor) {
                    String text = Json.write(restore(frame.frame()));
                    clock.schedule(() -> {
                        if (client.session.isOpen()) {
                            client.send(text);
                        }
                    }, frame.ms(), TimeUnit.MILLISECONDS);
                }
            }
        }

        synchronized void receive(String message) {
            String type;
            try {
                type = Json.parse(message).path("type").asText("?");
            } catch (Exception e) {
                type = "(not json)";
            }
            String action = Cassette.action(type, audioSinceAction);
            audioSinceAction = type.equals("input_audio_buffer.append") ? true : action == null && audioSinceAction;
            if (action == null) {
                return;
            }
            audioSinceAction = action.equals("speech");
            int next = nextAction();
            if (next < 0 || !frames.get(next).type().equals(action)) {
                String expected = next < 0 ? "nothing more (the cassette has ended)" : "'" + frames.get(next).type() + "'";
                ObjectNode error = Json.object().put("type", "error");
                error.putObject("error").put("type", "cassette_mismatch").put("code", "cassette_mismatch")
                        .put("message", "cassette frame " + (next < 0 ? frames.size() : next + 1) + " expects " + expected + " but the client sent '" + action + "'");
                client.send(Json.write(error));
                client.closeSession(1008, "the client departed from the cassette");
                return;
            }
            cursor = next + 1;
            play(frames.get(next).anchor());
        }

        private int nextAction() {
            for (int i = cursor; i < frames.size(); i++) {
                Cassette.Frame f = frames.get(i);
                if (f.dir().equals("in") && f.anchor() > 0 && f.ms() == 0 && !f.type().equals("connect")
                        && (Cassette.ACTIONS.contains(f.type()) || f.type().equals("speech"))) {
                    return i;
                }
            }
            return -1;
        }
    }

    private CassetteReplay(Path cassette) {
        this.frames = Cassette.read(cassette);
        this.server = LoopbackServer.start("voicelive replay", config -> {
            for (String path : new String[] {"/voice-live/realtime", "/api/projects/{project}/voice-live/realtime"}) {
                config.routes.ws(path, this::socket);
            }
        });
    }

    public static CassetteReplay start(Path cassette) {
        return new CassetteReplay(cassette);
    }

    /** The endpoint a backend uses as {@code AZURE_VOICELIVE_ENDPOINT}. */
    public String endpoint() {
        return server.url();
    }

    private void socket(WsConfig ws) {
        ws.onConnect(ctx -> {
            Player player = new Player(ctx);
            players.put(ctx.sessionId(), player);
            player.play(0);
        });
        ws.onMessage(ctx -> {
            Player player = players.get(ctx.sessionId());
            if (player != null) {
                player.receive(ctx.message());
            }
        });
        ws.onClose(ctx -> players.remove(ctx.sessionId()));
    }

    /** Redacted audio comes back as silence of the same length. */
    private static JsonNode restore(JsonNode frame) {
        if (!frame.isObject()) {
            return frame;
        }
        ObjectNode copy = ((ObjectNode) frame).deepCopy();
        for (String field : List.of("audio", "delta")) {
            Matcher m = REDACTED.matcher(copy.path(field).asText(""));
            if (m.matches()) {
                copy.put(field, Base64.getEncoder().encodeToString(new byte[Integer.parseInt(m.group(1)) * 3 / 4]));
            }
        }
        return copy;
    }

    @Override
    public void close() {
        server.close();
        clock.shutdownNow();
    }
}
