package dev.engram.reference;

import static dev.engram.reference.UserTurnStatus.Stage.COMPLETE;
import static dev.engram.reference.UserTurnStatus.Stage.LISTENING;
import static dev.engram.reference.UserTurnStatus.Stage.PROCESSING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The browser sees listening, processing, complete in order, however VoiceLive's events were reordered on the way. */
class UserTurnStatusTest {
    @Test
    void inOrderEventsAnnounceEachStageAndProcessingRepeats() {
        UserTurnStatus turn = new UserTurnStatus();
        assertEquals(List.of(LISTENING), turn.reach("item_1", LISTENING));
        assertEquals(List.of(PROCESSING), turn.reach("item_1", PROCESSING));
        assertEquals(List.of(PROCESSING), turn.reach("item_1", PROCESSING), "each delta carries its text");
        assertEquals(List.of(COMPLETE), turn.reach("item_1", COMPLETE));
    }

    @Test
    void aLaterStageImpliesTheEarlierOnesAndALateEventSaysNothing() {
        UserTurnStatus turn = new UserTurnStatus();
        assertEquals(List.of(LISTENING, PROCESSING), turn.reach("item_1", PROCESSING), "a delta handed over before speech_started");
        assertEquals(List.of(), turn.reach("item_1", LISTENING));
        assertEquals(List.of(COMPLETE), turn.reach("item_1", COMPLETE));
        assertEquals(List.of(), turn.reach("item_1", PROCESSING), "speech_stopped after the transcript");
        assertEquals(List.of(LISTENING, PROCESSING, COMPLETE), new UserTurnStatus().reach("item_2", COMPLETE));
    }

    @Test
    void theNextItemStartsAgain() {
        UserTurnStatus turn = new UserTurnStatus();
        turn.reach("item_1", COMPLETE);
        assertEquals(List.of(LISTENING), turn.reach("item_2", LISTENING));
    }
}
