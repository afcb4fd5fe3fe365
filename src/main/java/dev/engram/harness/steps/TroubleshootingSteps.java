package dev.engram.harness.steps;

import dev.engram.harness.client.ApiResponse;
import dev.engram.harness.client.VoiceMessage;
import dev.engram.harness.check.Troubleshooting;
import dev.engram.harness.check.Verify;
import dev.engram.harness.client.Http;
import dev.engram.harness.client.VoiceSocket;
import dev.engram.harness.stack.RunWorld;
import dev.engram.harness.state.ScenarioContext;
import dev.engram.harness.backend.RunningBackend;
import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * SOP 9.1 / 9.2 rows reproduced by their causes: a second reference server, wired to the same simulators but
 * misconfigured on purpose, shows the symptom; the check then confirms the symptom reads as the SOP says.
 */
public final class TroubleshootingSteps {
    private final ScenarioContext scenario;
    private final Verify verify;
    private RunningBackend broken;
    private ApiResponse reply;
    private String voiceError;
    private final RunWorld world;

    public TroubleshootingSteps(ScenarioContext scenario, Verify verify, RunWorld world) {
        this.world = world;
        this.scenario = scenario;
        this.verify = verify;
    }

    @After
    public void stopBroken() {
        if (broken != null) {
            broken.close();
        }
    }

    @Given("Engram configured like the stack but with {word} set to {string}")
    public void configuredWith(String variable, String value) {
        Map<String, String> change = new HashMap<>();
        change.put(variable, value.equals("<unset>") ? null : value);
        broken = world.stack().launchVariant(change);
        scenario.attach("cause", variable + " = " + (variable.endsWith("_KEY") && !value.isEmpty() ? "<a wrong key>" : value));
    }

    @When("its voice status is read")
    public void readStatus() {
        reply = Http.get(broken.url() + "/api/v1/voice/status");
    }

    @When("a voice session is opened on it")
    public void openVoice() {
        try (VoiceSocket socket = VoiceSocket.open(broken.url(), "session-1-troubleshoot", scenario.target().bearerToken(), Duration.ofSeconds(10))) {
            int at = socket.await(0, VoiceMessage::isError, Duration.ofSeconds(15), "error message");
            voiceError = socket.message(at).message();
        }
    }

    @When("a chat without a token is sent to it")
    public void chatWithoutToken() {
        reply = Http.post(broken.url() + "/api/v1/chat", "{\"content\":\"Hello\"}");
    }

    @Then("the symptom is {string}, as SOP {word} row {string} describes")
    public void symptom(String symptom, String section, String row) {
        String seen = voiceError != null ? voiceError : reply.status() + " " + reply.body();
        boolean shows = voiceError != null ? voiceError.contains(symptom) : reply.body().replace(" ", "").contains(symptom.replace(" ", ""));
        verify.that(shows, "SOP " + section + " symptom by its cause", "\"" + symptom + "\"", seen, row);
        scenario.attach("SOP resolution", Troubleshooting.row(row).advice());
    }
}
