package dev.engram.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The WebSocket troubleshooting guide's variables, validated at start-up with errors naming the variable. */
class ConnectivitySettingsTest {

    @Test
    void readsTheGuidesBlock() {
        ConnectivitySettings c = EngramSettings.fromEnvironment(Map.of("CONTAINER_APP_NAME", "ca-media-worker-dev", "VOICE_LIVE_ENABLED", "true",
                "SPEECH_KEY", "k", "SPEECH_REGION", "eastus2", "SPEECH_ENDPOINT", "https://eastus2.api.cognitive.microsoft.com/",
                "SPEECH_CONTAINER_MODE", "true", "SPEECH_CONTAINER_HOST", "ws://speech-to-text:5000",
                "HTTPS_PROXY", "http://proxy:3128", "NO_PROXY", "localhost,.internal")).connectivity();
        assertTrue(c.inContainer());
        assertTrue(c.speechContainerMode());
        assertEquals(Optional.of(URI.create("http://proxy:3128")), c.proxyFor(URI.create("wss://eastus2.api.cognitive.microsoft.com/x")));
        assertEquals(Optional.empty(), c.proxyFor(URI.create("ws://speech.internal:5000/")));
        assertEquals(Optional.empty(), c.proxyFor(URI.create("http://localhost:8080/")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "VOICE_LIVE_ENABLED    | maybe              | VOICE_LIVE_ENABLED must be true or false",
            "SPEECH_CONTAINER_MODE | yes please         | SPEECH_CONTAINER_MODE must be true or false",
            "SPEECH_CONTAINER_HOST | http://stt:5000    | SPEECH_CONTAINER_HOST must be a ws:// URL",
            "SPEECH_REGION         | East US 2          | SPEECH_REGION must be an Azure region name",
            "SPEECH_ENDPOINT       | not a url          | SPEECH_ENDPOINT must be an absolute http(s) URL",
            "HTTPS_PROXY           | proxy:3128         | HTTPS_PROXY must be an absolute http(s) URL"})
    void aMalformedValueStopsStartUpNamingTheVariable(String variable, String value, String message) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> EngramSettings.fromEnvironment(Map.of(variable, value)));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void containerModeNeedsItsHost() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> EngramSettings.fromEnvironment(Map.of("SPEECH_CONTAINER_MODE", "true")));
        assertTrue(e.getMessage().contains("SPEECH_CONTAINER_HOST"), e.getMessage());
    }
}
