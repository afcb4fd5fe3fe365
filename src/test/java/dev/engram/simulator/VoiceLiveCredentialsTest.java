package dev.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.identity.EntraTokens;
import dev.engram.simulator.entra.EntraIdSimulator;
import dev.engram.harness.stack.EntraTokenVerifier;
import dev.engram.simulator.voicelive.VoiceLiveSimulator;
import dev.engram.testing.RealtimeEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Credentials per api-version, from {@code versions.json}: an Entra token for the {@code https://ai.azure.com} scope
 * opens a session from 2025-10-01 on, and 2025-05-01-preview, which names only the cognitiveservices.azure.com scope,
 * refuses it with 401; a token for the legacy scope opens both.
 */
class VoiceLiveCredentialsTest {
    private static final String BACKEND_MI = "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

    @Test
    void tokenAudiencesAreAcceptedPerApiVersion() throws Exception {
        try (EntraIdSimulator entra = EntraIdSimulator.start();
             VoiceLiveSimulator simulator = VoiceLiveSimulator.options().apiKey("k").tokens(new EntraTokenVerifier(entra)).start()) {
            var credential = EntraTokens.servicePrincipal(entra.authorityHost(), entra.tenant(), BACKEND_MI, entra.secretOf(BACKEND_MI),
                    entra.tls().pem().toFile());
            String foundry = EntraTokens.token(credential, "https://ai.azure.com/.default");
            String legacy = EntraTokens.token(credential, "https://cognitiveservices.azure.com/.default");
            assertEquals(101, upgrade(simulator, "2025-10-01", foundry));
            assertEquals(101, upgrade(simulator, "v1", foundry));
            assertEquals(401, upgrade(simulator, "2025-05-01-preview", foundry));
            assertEquals(101, upgrade(simulator, "2025-05-01-preview", legacy));
        }
    }

    private static int upgrade(VoiceLiveSimulator simulator, String version, String token) throws Exception {
        try {
            WebSocket ws = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().newWebSocketBuilder().subprotocols("realtime")
                    .header("Authorization", "Bearer " + token).buildAsync(URI.create(simulator.endpoint().replace("http", "ws")
                            + "/voice-live/realtime?api-version=" + version + "&model=gpt-realtime"), new RealtimeEvents().listener()).get(10, TimeUnit.SECONDS);
            ws.abort();
            return 101;
        } catch (ExecutionException e) {
            assertTrue(e.getCause() instanceof WebSocketHandshakeException, e.toString());
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }
}
