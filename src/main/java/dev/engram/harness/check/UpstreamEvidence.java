package dev.engram.harness.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.harness.stack.Simulators.GatewayCall;
import dev.engram.harness.stack.Simulators.VoiceLiveFrame;
import dev.engram.harness.stack.Simulators.ZepCall;
import dev.engram.support.Json;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the simulators saw of the backend during a failed scenario, read as a cause: the backend's side of a missing
 * voice event or a forgotten turn. A finding found here comes before the generic SOP 9.x rows.
 */
public final class UpstreamEvidence {
    /** What the backend did upstream, the fix, and the simulator's log excerpt to attach. */
    public record Finding(String observed, String resolution, String excerpt) {}

    /** What the browser was waiting for, which says which of VoiceLive's observations can explain its absence. */
    public enum Awaited {
        /** The backend's own answer to the client (an error frame): VoiceLive has no part in it. */
        CLIENT_REPLY,
        /** The session being ready (agent_switched): the VoiceLive session must have opened. */
        SESSION,
        /** Answer audio or text: the audio must have reached VoiceLive. */
        ANSWER,
        /** A user transcript: VoiceLive must have been asked to transcribe. */
        TRANSCRIPTION
    }

    private UpstreamEvidence() {}

    /** For a voice event that never reached the browser: VoiceLive's view of the scenario's sessions. */
    public static Optional<Finding> voice(List<VoiceLiveFrame> frames, Awaited awaited) {
        if (awaited == Awaited.CLIENT_REPLY) {
            return Optional.empty();
        }
        String excerpt = excerpt(frames);
        if (frames.isEmpty()) {
            return Optional.of(new Finding("no VoiceLive session was opened by the backend during this scenario",
                    Troubleshooting.row("voicelive-not-configured").advice(), excerpt));
        }
        Optional<VoiceLiveFrame> error = frames.stream().filter(f -> !f.in() && f.type().equals("error")).findFirst();
        if (error.isPresent()) {
            return Optional.of(new Finding("VoiceLive answered the backend with an error: " + error.get().text(),
                    "fix the request VoiceLive names in its error (SOP 10.2: relay it to the browser as {\"type\": \"error\"})", excerpt));
        }
        if (awaited == Awaited.SESSION) {
            return Optional.empty();
        }
        if (frames.stream().noneMatch(f -> f.in() && f.type().equals("input_audio_buffer.append"))) {
            return Optional.of(new Finding("no input_audio_buffer.append reached VoiceLive: the backend did not forward the browser's audio",
                    "relay each {\"type\": \"audio\"} message's PCM16 to VoiceLive as input_audio_buffer.append (SOP 10.2)", excerpt));
        }
        List<VoiceLiveFrame> updates = frames.stream().filter(f -> f.in() && f.type().equals("session.update")).toList();
        if (awaited == Awaited.TRANSCRIPTION && !updates.isEmpty() && updates.stream().noneMatch(UpstreamEvidence::asksForTranscription)) {
            return Optional.of(new Finding("its session.update asked for no input_audio_transcription, so VoiceLive sent no user transcript",
                    "set session.input_audio_transcription (e.g. {\"model\": \"azure-speech\"}; api-version v1: session.audio.input.transcription) "
                            + "in the backend's session.update, so the browser gets {\"type\": \"transcription\"} (SOP 10.2)", excerpt));
        }
        return Optional.empty();
    }

    /** For a reply that forgot an earlier turn: the gateway's and Zep's view of the session. */
    public static Optional<Finding> memory(List<GatewayCall> calls, List<ZepCall> zep, String session) {
        if (calls.isEmpty()) {
            return Optional.of(new Finding("the gateway received no chat completion during this scenario",
                    Troubleshooting.row("chat-incident").advice(), ""));
        }
        GatewayCall last = calls.get(calls.size() - 1);
        String excerpt = "last gateway request: question \"" + last.question() + "\", earlier user turns it carried: " + last.earlierUserTurns();
        boolean written = zep.stream().anyMatch(c -> c.method().equals("POST") && c.path().contains(session));
        if (!written) {
            return Optional.of(new Finding("no Zep write for session " + session + " reached Zep, so nothing could be recalled",
                    "persist each turn to Zep (POST /api/v1/sessions/{session_id}/memory) after the reply (SOP 1.1: Zep persist is best-effort but expected)", excerpt));
        }
        if (last.earlierUserTurns().isEmpty()) {
            return Optional.of(new Finding("the gateway received no earlier turn of this session in its last request",
                    "enrich the prompt with the session's recent Zep messages before calling the model (SOP 1.1: Zep enrich)", excerpt));
        }
        return Optional.empty();
    }

    private static boolean asksForTranscription(VoiceLiveFrame update) {
        try {
            JsonNode session = Json.parse(update.text().replaceAll("…$", "")).path("session");
            JsonNode flat = session.path("input_audio_transcription");
            JsonNode nested = session.path("audio").path("input").path("transcription");
            return (flat.isObject() && !flat.isEmpty()) || (nested.isObject() && !nested.isEmpty());
        } catch (Exception e) {
            return true; // a frame cut short in the log: no evidence either way
        }
    }

    private static String excerpt(List<VoiceLiveFrame> frames) {
        return frames.stream().limit(40)
                .map(f -> f.at() + " " + f.session() + " " + f.direction() + " " + f.type()
                        + (f.type().equals("input_audio_buffer.append") || f.type().endsWith(".delta") ? " (" + f.bytes() + " bytes)" : " " + f.text()))
                .collect(Collectors.joining("\n"));
    }
}
