package dev.engram.harness.steps;

import dev.engram.harness.client.VoiceMessage;
import dev.engram.harness.check.Verify;
import dev.engram.harness.stack.RunWorld;
import dev.engram.harness.state.ScenarioContext;
import dev.engram.harness.state.VoiceState;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import java.util.List;

/** VoiceLive events in the middle of a turn ({@code warning}, a failing {@code error}), as the backend meets them. */
public final class VoiceFaultSteps {
    private final VoiceState voice;
    private final ScenarioContext scenario;
    private final Verify verify;
    private final RunWorld world;

    public VoiceFaultSteps(VoiceState voice, ScenarioContext scenario, Verify verify, RunWorld world) {
        this.world = world;
        this.voice = voice;
        this.scenario = scenario;
        this.verify = verify;
    }

    @Given("VoiceLive sends {string} in the middle of the next response")
    public void armed(String fault) {
        world.simulators().armVoiceLiveFault(fault);
    }

    @Then("the voice socket reported no error")
    public void noError() {
        List<String> errors = voice.socket().messagesFrom(voice.turnStart()).stream()
                .filter(VoiceMessage::isError).map(VoiceMessage::message).toList();
        scenario.attach("VoiceLive sent a warning", String.valueOf(scenario.voiceLiveFrames().stream()
                .anyMatch(f -> !f.in() && f.type().equals("warning"))) + " (api-versions before 2026-01-01-preview have no warning event)");
        verify.that(errors.isEmpty(), "a VoiceLive warning mid-turn is not a failure", "no {\"type\": \"error\"}", String.valueOf(errors));
    }
}
