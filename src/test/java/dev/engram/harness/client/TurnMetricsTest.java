package dev.engram.harness.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.engram.support.Json;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-turn latencies from arrival times, with a barge-in: nothing here reads a clock. */
class TurnMetricsTest {
    private final List<VoiceSocket.Received> received = new ArrayList<>();

    private void at(long ms, String json) {
        received.add(new VoiceSocket.Received(VoiceMessage.of(parse(json)), ms * 1_000_000));
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String audio(int bytes) {
        return "{\"type\":\"audio\",\"data\":\"" + Base64.getEncoder().encodeToString(new byte[bytes]) + "\"}";
    }

    @Test
    void aTurnAndAnInterruptedAnswer() {
        at(0, "{\"type\":\"transcription\",\"status\":\"listening\"}");
        at(1000, "{\"type\":\"transcription\",\"status\":\"processing\"}");
        at(1120, "{\"type\":\"transcription\",\"status\":\"complete\",\"text\":\"hi\",\"speaker\":\"user\"}");
        at(1400, audio(4800));
        at(1500, audio(4800));
        at(2000, "{\"type\":\"transcription\",\"status\":\"listening\"}");
        at(2080, audio(4800));
        at(2300, "{\"type\":\"transcription\",\"status\":\"processing\"}");
        List<VoiceSocket.Sent> sent = List.of(new VoiceSocket.Sent("audio", 900_000_000L), new VoiceSocket.Sent("cancel", 2_050_000_000L));
        List<TurnMetrics> turns = TurnMetrics.of(received, sent);
        assertEquals(2, turns.size());
        TurnMetrics first = turns.get(0);
        assertEquals(120L, first.transcriptMs());
        assertEquals(400L, first.firstAudioMs());
        assertEquals(500L, first.responseEndMs());
        assertEquals(80L, first.timeToSilenceMs());
        assertEquals(4800L, first.audioBytesAfterCancel());
        assertNull(turns.get(1).transcriptMs());
        assertEquals(200L, first.audioHeardMs(), "9600 bytes of 24 kHz PCM16 before the interruption");
        assertNull(first.truncatedAtMs(), "no truncate reached VoiceLive");
        assertEquals(180L, TurnMetrics.of(received, sent, List.of(180L)).get(0).truncatedAtMs());
        assertEquals(180L, TurnMetrics.audioEndMs("{\"type\":\"conversation.item.truncate\",\"item_id\":\"i\",\"audio_end_ms\":180}"));
    }
}
