package dev.engram.harness.steps;

import dev.engram.audio.Voices;
import dev.engram.harness.check.Verify;
import dev.engram.harness.check.VoiceIdentity;
import dev.engram.harness.stack.RunWorld;
import dev.engram.harness.state.ScenarioContext;
import dev.engram.harness.state.ApiState;
import dev.engram.harness.state.VoiceState;
import dev.engram.harness.stack.Simulators;
import dev.engram.support.Waits;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Voice checks that look inside the embedded VoiceLive and Zep simulators; only {@code @simulated} scenarios. */
public final class VoiceSimulatorSteps {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Voices VOICES = new Voices(Path.of("audio-fixtures/voices.json"));
    private final VoiceState voice;
    private final ApiState api;
    private final Verify verify;
    private final ScenarioContext scenario;
    private final RunWorld world;

    public VoiceSimulatorSteps(VoiceState voice, ApiState api, ScenarioContext scenario, Verify verify, RunWorld world) {
        this.scenario = scenario;
        this.world = world;
        this.voice = voice;
        this.api = api;
        this.verify = verify;
    }

    @Given("the VoiceLive simulator paces like {string}")
    public void pacing(String profile) {
        world.simulators().voicePacing(profile);
    }

    @Then("VoiceLive ended a response as cancelled because {string}")
    public void cancelledBecause(String reason) {
        String wanted = "\"status\":\"cancelled\"";
        boolean seen = awaitLog(f -> !f.in() && f.type().equals("response.done")
                && f.text().contains(wanted) && f.text().contains("\"reason\":\"" + reason + "\""));
        verify.that(seen, "response cancelled", "a response.done with status cancelled and reason " + reason,
                "VoiceLive sent: " + outTypes());
    }

    @Then("the answer audio is spoken in {agent}'s voice")
    public void spokenIn(String agent) {
        String voiceName = api.record(api.api().requestAnonymously("GET", "/api/v1/voice/config/" + agent)).json().path("voice_name").asText();
        VoiceIdentity.Match heard = VoiceIdentity.of(voice.turnAudio(), VoiceState.fixtures());
        verify.that(heard.is(VOICES.recordedVoice(voiceName)), "voice characteristics match agent",
                agent + "'s voice (" + voiceName + " -> recorded voice " + VOICES.recordedVoice(voiceName) + ")", heard.toString());
    }

    @Then("Zep holds the voice turns of the session")
    public void zepHoldsVoiceTurns() {
        String said = voice.lastSpoken().transcript();
        boolean stored = awaitTrue(() -> holdsTurns(world.simulators().zepTranscript(voice.sessionId()), said));
        verify.that(stored, "voice transcripts persisted to Zep", "user: " + said + " and an assistant turn in session " + voice.sessionId(),
                String.valueOf(world.simulators().zepTranscript(voice.sessionId())));
    }

    @Then("no voice session stays open")
    public void noSessionOpen() {
        boolean zero = awaitTrue(() -> api.api().requestAnonymously("GET", "/api/v1/voice/status").json().path("active_sessions").asInt(-1) == 0);
        verify.that(zero, "active_sessions returns to 0", "\"active_sessions\": 0",
                api.record(api.api().requestAnonymously("GET", "/api/v1/voice/status")).summary());
    }

    private static boolean holdsTurns(List<String> transcript, String said) {
        return transcript.contains("user: " + said) && transcript.stream().anyMatch(line -> line.startsWith("assistant: "));
    }

    private boolean awaitLog(java.util.function.Predicate<Simulators.VoiceLiveFrame> wanted) {
        return awaitTrue(() -> scenario.voiceLiveFrames().stream().anyMatch(wanted));
    }

    private String outTypes() {
        return scenario.voiceLiveFrames().stream()
                .filter(f -> !f.in() && f.type().startsWith("response.done"))
                .map(Simulators.VoiceLiveFrame::text).toList().toString();
    }

    private static boolean awaitTrue(java.util.function.BooleanSupplier condition) {
        return Waits.until(condition::getAsBoolean, Boolean::booleanValue, WAIT);
    }
}
