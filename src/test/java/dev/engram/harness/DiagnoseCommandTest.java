package dev.engram.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.harness.cli.HarnessCli;
import dev.engram.harness.stack.EmbeddedStack;
import dev.engram.simulator.network.FaultPeer;
import dev.engram.simulator.network.NetworkFault;
import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ./harness diagnose}: passes against a healthy stack, and names the failing step when voice is black-holed. */
class DiagnoseCommandTest {

    @Test
    void aHealthyStackPassesEveryStep() {
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            CliRun run = diagnose(stack.endpoints().api());
            assertEquals(HarnessCli.PASS, run.exit(), run.output());
            assertTrue(run.output().contains("PASS  voice socket upgrade + session"), run.output());
        }
    }

    @Test
    void aBlackHoledVoicePathFailsAtTheVoiceSessionNamingTheGuidesCause() {
        try (FaultPeer blackHole = FaultPeer.start(NetworkFault.named("black-hole"), new InetSocketAddress("127.0.0.1", 9));
             EmbeddedStack stack = EmbeddedStack.builder().with(Map.of("AZURE_VOICELIVE_ENDPOINT", blackHole.url(),
                     "ENGRAM_VOICELIVE_CONNECT_TIMEOUT_MS", "300")).start()) {
            CliRun run = diagnose(stack.endpoints().api());
            assertEquals(HarnessCli.FAIL, run.exit(), run.output());
            assertTrue(run.output().contains("Diagnose: FAIL at voice socket upgrade + session"), run.output());
            assertTrue(run.output().contains("Connection timeout") && run.output().contains("WebSocket troubleshooting guide"), run.output());
        }
    }

    private static CliRun diagnose(String api) {
        return CliRun.of("diagnose", "--api", api);
    }
}
