package dev.engram.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.harness.cli.HarnessCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate's replay profile: a scenario run with {@code --voicelive-record} writes a cassette of the backend's VoiceLive
 * session (audio redacted); the same scenario with {@code --voicelive-replay} passes against the cassette alone.
 */
class GateReplayProfileTest {
    @TempDir
    Path folder;

    @Test
    void aRecordedVoiceScenarioPassesAgainstItsCassette() throws Exception {
        Path cassette = folder.resolve("voice-2.ndjson");
        String reports = folder.resolve("reports").toString();
        assertEquals(HarnessCli.PASS, HarnessCli.run("gate", "--voicelive-record", cassette.toString(), "--tags", "@uat:voice-2", "--reports", reports),
                () -> findings(reports));
        String recorded = Files.readString(cassette);
        assertTrue(recorded.contains("conversation.item.input_audio_transcription.completed") && recorded.contains("response.audio_transcript.done"), "a whole turn recorded");
        assertEquals(HarnessCli.PASS, HarnessCli.run("gate", "--voicelive-replay", cassette.toString(), "--tags", "@uat:voice-2", "--reports", reports),
                () -> findings(reports));
        assertEquals(HarnessCli.USAGE, HarnessCli.run("gate", "--voicelive-replay", cassette.toString(), "--api", "http://127.0.0.1:9", "--reports", reports));
    }

    /** The last run's findings, so a failure here says what the gate saw. */
    private static String findings(String reports) {
        try {
            return Files.readString(Path.of(reports, "local", "latest", "gate.json"));
        } catch (java.io.IOException e) {
            return "no gate.json: " + e.getMessage();
        }
    }
}
