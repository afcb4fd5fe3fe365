package dev.engram.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The browser's view of a user turn: listening, processing, complete (SOP 10.2), in that order, whatever order VoiceLive's
 * events arrive in. The VoiceLive SDK parses events on worker threads and can hand over back-to-back events out of
 * order (a transcription delta before {@code speech_started}); a later stage implies the earlier ones, and an event
 * for a stage the turn has passed says nothing new.
 */
final class UserTurnStatus {
    enum Stage { LISTENING, PROCESSING, COMPLETE }

    private String item;
    private Stage reached;

    /**
     * The stages to announce, in order, for an event of {@code stage} about {@code itemId}: any earlier stage not yet
     * announced, then this one; empty when the turn has passed it. Processing repeats (each delta carries text).
     */
    synchronized List<Stage> reach(String itemId, Stage stage) {
        if (!Objects.equals(itemId, item)) {
            item = itemId;
            reached = null;
        }
        List<Stage> announce = new ArrayList<>();
        if (reached != null && (stage.compareTo(reached) < 0 || stage == reached && stage != Stage.PROCESSING)) {
            return announce;
        }
        int from = reached == null ? 0 : reached.ordinal() + 1;
        for (int i = Math.min(from, stage.ordinal()); i <= stage.ordinal(); i++) {
            announce.add(Stage.values()[i]);
        }
        reached = stage;
        return announce;
    }
}
