package dev.engram.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngramSettingsTest {

    @Test
    void readsTheSopPocBlock() {
        EngramSettings s = EngramSettings.fromEnvironment(Map.of(
                "ENVIRONMENT", "development", "AUTH_REQUIRED", "false",
                "CORS_ORIGINS", "[\"https://app.azurestaticapps.net\",\"http://localhost:5173\"]",
                "AZURE_AI_ENDPOINT", "https://gw.example/zimax/openai/v1", "AZURE_AI_DEPLOYMENT", "gpt-5-chat",
                "AZURE_VOICELIVE_ENDPOINT", "https://acct.services.ai.azure.com", "AZURE_VOICELIVE_KEY", "k"));
        assertFalse(s.authRequired());
        assertEquals(List.of("https://app.azurestaticapps.net", "http://localhost:5173"), s.corsOrigins());
        assertTrue(s.voiceLiveConfigured());
    }

    @Test
    void voiceLiveNeedsACredentialAsWellAsAnEndpoint() {
        assertFalse(EngramSettings.fromEnvironment(Map.of("AZURE_VOICELIVE_ENDPOINT", "https://a.services.ai.azure.com")).voiceLiveConfigured());
        assertTrue(EngramSettings.fromEnvironment(Map.of("AZURE_VOICELIVE_ENDPOINT", "https://a.services.ai.azure.com",
                "IDENTITY_ENDPOINT", "http://localhost:42356/msi/token")).voiceLiveConfigured());
        assertFalse(EngramSettings.fromEnvironment(Map.of("AZURE_VOICELIVE_KEY", "k")).voiceLiveConfigured());
    }

    @Test
    void authIsRequiredByDefaultOutsideDevelopment() {
        assertTrue(EngramSettings.fromEnvironment(Map.of("ENVIRONMENT", "production")).authRequired());
        assertFalse(EngramSettings.fromEnvironment(Map.of()).authRequired());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CORS_ORIGINS|https://app.example|CORS_ORIGINS must be a JSON list",
            "CORS_ORIGINS|{\"a\":1}|CORS_ORIGINS must be a JSON list",
            "CORS_ORIGINS|[1]|CORS_ORIGINS must hold only non-empty strings",
            "AUTH_REQUIRED|maybe|AUTH_REQUIRED must be true or false",
            "ENVIRONMENT|qa|ENVIRONMENT must be one of",
            "LOG_LEVEL|LOUD|LOG_LEVEL must be one of",
            "AZURE_AI_ENDPOINT|gw.example/openai/v1|AZURE_AI_ENDPOINT must be an absolute http(s) URL",
            "DATA_RETENTION_DAYS|ninety|DATA_RETENTION_DAYS must be an integer",
            "DATA_RETENTION_DAYS|0|DATA_RETENTION_DAYS must be at least 1"})
    void aMalformedVariableFailsStartUpNamingIt(String name, String value, String message) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> EngramSettings.fromEnvironment(Map.of(name, value)));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
