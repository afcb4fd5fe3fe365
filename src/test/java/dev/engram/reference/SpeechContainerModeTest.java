package dev.engram.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.audio.FixtureRegistry;
import dev.engram.audio.Pcm16;
import dev.engram.harness.client.VoiceSocket;
import dev.engram.harness.stack.EmbeddedStack;
import dev.engram.simulator.speech.SpeechContainerSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The guide's Solutions 5 in the reference server: with {@code SPEECH_CONTAINER_MODE=true} the user's speech is
 * transcribed by the Speech container at {@code SPEECH_CONTAINER_HOST} (over USP), VoiceLive is asked for no input
 * transcription, and the browser still gets listening, processing and the complete transcript, then the answer.
 */
class SpeechContainerModeTest {
    @Test
    void inContainerModeTheSpeechContainerTranscribesTheUser() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(); SpeechContainerSimulator container = SpeechContainerSimulator.start(Path.of("audio-fixtures"))) {
            Map<String, String> env = new HashMap<>(stack.backendVariables(true));
            env.put("SPEECH_CONTAINER_MODE", "true");
            env.put("SPEECH_CONTAINER_HOST", container.host());
            try (EngramServer backend = EngramServer.start(EngramSettings.fromEnvironment(env));
                 VoiceSocket voice = VoiceSocket.open(backend.url(), "session-1-container", Optional.empty(), Duration.ofSeconds(10))) {
                voice.await(0, m -> m.is("agent_switched"), Duration.ofSeconds(15), "agent_switched");
                voice.speak(new FixtureRegistry(Path.of("audio-fixtures")).byId("capital-of-france").audio().append(Pcm16.silence(1200)), false);
                int heard = voice.await(0, m -> m.isTranscription("complete", "user") && m.speaker().equals("user"), Duration.ofSeconds(20), "the user's transcript");
                assertEquals("What is the capital of France?", voice.message(heard).text());
                int answer = voice.await(0, m -> m.isTranscription("complete", "assistant") && m.speaker().equals("assistant"), Duration.ofSeconds(20), "the answer");
                assertTrue(voice.message(answer).text().contains("Paris"), voice.message(answer).toString());
            }
            assertEquals(1, container.connections(), "one recognition socket for the voice session");
            assertTrue(dev.engram.harness.stack.Simulators.of(stack.endpoints()).orElseThrow().voiceLiveLog(java.time.Instant.EPOCH).stream()
                    .noneMatch(f -> !f.in() && f.type().startsWith("conversation.item.input_audio_transcription")), "VoiceLive transcribed nothing");
        }
    }
}
