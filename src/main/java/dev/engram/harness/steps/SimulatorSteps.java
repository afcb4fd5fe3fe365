package dev.engram.harness.steps;

import dev.engram.harness.check.Verify;
import dev.engram.harness.stack.RunWorld;
import dev.engram.harness.state.ChatState;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import java.util.List;
import java.util.function.Predicate;

/** Steering and inspecting the embedded simulators; only {@code @simulated} scenarios use these. */
public final class SimulatorSteps {
    private final ChatState chat;
    private final Verify verify;
    private final RunWorld world;

    public SimulatorSteps(ChatState chat, Verify verify, RunWorld world) {
        this.world = world;
        this.chat = chat;
        this.verify = verify;
    }

    @Given("the chat gateway simulator applies the fault {string}")
    public void gatewayFault(String name) {
        world.simulators().armGatewayFault(name);
    }

    @Given("the Zep simulator applies the fault {string}")
    public void zepFault(String name) {
        world.simulators().armZepFault(name);
    }

    @Then("the gateway saw {string} at least {int} times")
    public void gatewaySaw(String question, int times) {
        long seen = world.simulators().gatewayCalls().stream().filter(call -> question.equals(call.question())).count();
        verify.that(seen >= times, "gateway retries", question + " sent at least " + times + " times", seen + " times", "rate-limited");
    }

    @Then("Zep holds the user turn {string} in the session")
    public void zepHoldsUserTurn(String content) {
        Predicate<List<String>> holds = t -> t.contains("user: " + content);
        var transcript = world.simulators().zepTranscriptOnce(chat.requireSession(), holds);
        verify.that(holds.test(transcript), "user turn persisted to Zep",
                "\"user: " + content + "\" in session " + chat.requireSession(), transcript.toString());
    }

    @Then("Zep holds an assistant turn mentioning {string} in the session")
    public void zepHoldsAssistantTurn(String text) {
        Predicate<List<String>> holds = all -> all.stream().anyMatch(t -> t.startsWith("assistant: ") && t.contains(text));
        var transcript = world.simulators().zepTranscriptOnce(chat.requireSession(), holds);
        verify.that(holds.test(transcript), "assistant turn persisted to Zep", "an assistant turn mentioning \"" + text + "\"", transcript.toString());
    }
}
