package dev.engram.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.harness.client.VoiceSocket;
import dev.engram.harness.stack.EmbeddedStack;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SOP 9.1 "Failed to establish WebSocket connection: 401": the backend identity lacks Cognitive Services Speech User. */
class VoiceLiveRbacTest {
    @Test
    void anIdentityWithoutTheSpeechRoleIsRefusedWithA401AndOneWithItConnects() {
        try (EmbeddedStack stack = EmbeddedStack.builder().environment("test").start()) {
            var entra = stack.entraAccess().orElseThrow();
            String token = stack.harnessToken().orElseThrow();
            try (VoiceSocket granted = VoiceSocket.open(stack.endpoints().api(), "session-1-granted", Optional.of(token), Duration.ofSeconds(10))) {
                granted.await(0, m -> m.is("agent_switched"), Duration.ofSeconds(15), "agent_switched");
            }
            Map<String, String> env = new HashMap<>(stack.backendVariables(true));
            String noRole = entra.clientIds().get("engram-no-speech-role");
            env.put("AZURE_CLIENT_ID", noRole);
            env.put("AZURE_CLIENT_SECRET", entra.secrets().get(noRole));
            try (EngramServer backend = EngramServer.start(EngramSettings.fromEnvironment(env));
                 VoiceSocket refused = VoiceSocket.open(backend.url(), "session-1-refused", Optional.of(token), Duration.ofSeconds(10))) {
                int error = refused.await(0, m -> m.isError(), Duration.ofSeconds(15), "error");
                String message = refused.message(error).message();
                assertTrue(message.startsWith("Failed to establish WebSocket connection") && message.contains("401"), message);
                assertTrue(refused.awaitClosed(Duration.ofSeconds(10)));
                assertEquals(0, dev.engram.harness.client.Http.get(backend.url() + "/api/v1/voice/status").json().path("active_sessions").asInt());
            }
        }
    }
}
