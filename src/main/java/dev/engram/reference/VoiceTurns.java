package dev.engram.reference;

import java.util.ArrayList;
import java.util.List;

/**
 * The turns of a voice session waiting to be persisted to Zep (SOP 1.1 "Voice transcripts → Zep"): the user's
 * transcripts, and for each finished response the assistant's text, where RESPONSE_TEXT_DONE is preferred and
 * RESPONSE_AUDIO_TRANSCRIPT_DONE the fallback.
 */
final class VoiceTurns {
    private final List<ZepClient.Turn> unsaved = new ArrayList<>();
    private String assistantText;

    synchronized void user(String transcript, String agentId) {
        unsaved.add(new ZepClient.Turn("user", transcript, agentId, "voice"));
    }

    synchronized void assistant(String text, boolean preferred) {
        if (preferred || assistantText == null) {
            assistantText = text;
        }
    }

    /** A response finished: the turns to persist now (none when nothing was said). */
    synchronized List<ZepClient.Turn> responseDone(String agentId) {
        if (assistantText != null && !assistantText.isBlank()) {
            unsaved.add(new ZepClient.Turn("assistant", assistantText, agentId, "voice"));
        }
        assistantText = null;
        List<ZepClient.Turn> turns = List.copyOf(unsaved);
        unsaved.clear();
        return turns;
    }
}
