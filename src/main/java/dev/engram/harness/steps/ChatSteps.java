package dev.engram.harness.steps;

import dev.engram.harness.check.Verify;
import dev.engram.harness.client.ApiResponse;
import dev.engram.harness.client.ChatReply;
import dev.engram.harness.state.ChatState;
import dev.engram.harness.state.ScenarioContext;
import dev.engram.harness.state.VoiceState;
import dev.engram.support.Waits;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@code POST /api/v1/chat} as a user experiences it: agents, sessions, replies. */
public final class ChatSteps {
    private final ChatState chat;
    private final VoiceState voice;
    private final ScenarioContext scenario;
    private final Verify verify;
    private final Map<String, String> answersByAgent = new HashMap<>();

    public ChatSteps(ChatState chat, VoiceState voice, ScenarioContext scenario, Verify verify) {
        this.chat = chat;
        this.voice = voice;
        this.scenario = scenario;
        this.verify = verify;
    }

    @When("the user asks {agent} {string}")
    @When("the user asks {agent} {string} in a new session")
    public void asks(String agent, String content) {
        remember(agent, chat.ask(agent, content, Optional.empty()));
    }

    @When("the user asks {agent} {string} in the same session")
    public void asksInSession(String agent, String content) {
        remember(agent, chat.askInSession(agent, content));
    }


    @Then("the reply is HTTP {int}")
    public void status(int status) {
        ApiResponse r = chat.lastReply();
        verify.that(r.status() == status, "chat answers " + status, "HTTP " + status, r.summary(),
                r.status() == 429 ? "rate-limited" : null);
    }

    @Then("the reply has the {string} shape")
    public void shape(String shape) {
        var problems = dev.engram.harness.check.Shapes.problems(shape, chat.lastReply().json());
        verify.that(problems.isEmpty(), "chat reply shape (engram-upstream)", "the " + shape + " shape",
                problems + " in " + chat.lastReply().summary());
    }

    @Then("the reply mentions {string}")
    public void mentions(String text) {
        String expected = scenario.expand(text);
        verify.withEvidence(chat.replyText().toLowerCase().contains(expected.toLowerCase()), "reply content", "a reply mentioning \""
                + expected + "\"", chat.lastReply().summary(), scenario.memoryEvidence(chat.requireSession()), "empty-responses");
    }

    @Then("the reply does not mention {string}")
    public void doesNotMention(String text) {
        String unwanted = scenario.expand(text);
        verify.that(!chat.replyText().toLowerCase().contains(unwanted.toLowerCase()), "session isolation",
                "a reply without \"" + unwanted + "\" (memory is searched within the current session id)", chat.lastReply().summary());
    }

    @Then("the reply comes from {agent}")
    public void comesFrom(String agent) {
        ChatReply reply = chat.lastReply().chatReply();
        verify.that(agent.equals(reply.agentId()) && !reply.agentName().isBlank(),
                "agent selection", "agent_id \"" + agent + "\" with its agent_name", chat.lastReply().summary());
    }

    @Then("the reply carries a session id")
    public void carriesSession() {
        verify.that(chat.lastReply().chatReply().hasSession(), "session id",
                "a non-empty session_id", chat.lastReply().summary());
    }

    @Then("the reply carries the same session id")
    public void sameSession() {
        String sent = chat.requireSession();
        verify.that(sent.equals(chat.lastReply().chatReply().sessionId()), "session id echoed", "session_id \"" + sent + "\"", chat.lastReply().summary());
    }

    @Then("the reply differs from {agent}'s answer")
    public void differsFrom(String agent) {
        String earlier = answersByAgent.get(agent);
        verify.that(earlier != null && !earlier.equals(chat.replyText()), "persona changes the answer",
                "an answer different from " + agent + "'s \"" + earlier + "\"", chat.lastReply().summary());
    }

    @Then("the reply is HTTP {int} with a JSON error")
    public void jsonError(int status) {
        ApiResponse r = chat.lastReply();
        verify.that(r.status() == status && r.chatReply().isError(), "gateway failure surfaces",
                "HTTP " + status + " with a JSON error (never a 200 apology)", r.summary(), "chat-incident");
    }

    @Then("the reply is a rate-limit error with advice to back off")
    public void rateLimited() {
        ApiResponse r = chat.lastReply();
        verify.that((r.status() == 429 || r.status() == 503) && r.isJson(), "rate limit surfaces",
                "HTTP 429 or 503 with a JSON error", r.summary(), "rate-limited");
    }

    @Then("the reply took less than {int} ms")
    public void tookLessThan(int millis) {
        ApiResponse r = chat.lastReply();
        verify.that(r.millis() < millis, "chat is not stalled by memory", "an answer within " + millis + " ms",
                r.millis() + " ms for " + r.summary(), "slow-responses");
    }

    @Then("within {int} seconds the user asking {agent} {string} in a new session gets a reply mentioning {string}")
    public void eventually(int seconds, String agent, String question, String text) {
        eventuallyIn(seconds, agent, question, text, Optional::empty);
    }

    @When("within {int} seconds the user asking {agent} {string} in the voice session gets a reply mentioning {string}")
    public void eventuallyInVoiceSession(int seconds, String agent, String question, String text) {
        eventuallyIn(seconds, agent, question, text, () -> Optional.of(voice.sessionId()));
    }

    private void eventuallyIn(int seconds, String agent, String question, String text, java.util.function.Supplier<Optional<String>> session) {
        String expected = scenario.expand(text);
        java.util.function.Predicate<ApiResponse> recalled = r -> r.chatReply().content().toLowerCase().contains(expected.toLowerCase());
        ApiResponse reply = Waits.backingOff(() -> chat.ask(agent, question, session.get()), recalled, Duration.ofSeconds(seconds), Duration.ofMillis(250), Duration.ofSeconds(2));
        verify.that(recalled.test(reply), "memory recall", "within " + seconds + " s a reply mentioning \"" + expected + "\"", reply.summary());
    }

    private void remember(String agent, ApiResponse reply) {
        if (reply.status() == 200) {
            answersByAgent.put(agent, reply.chatReply().content());
        }
    }
}
