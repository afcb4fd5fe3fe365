package dev.engram.harness.steps;

import dev.engram.harness.client.VoiceMessage;
import dev.engram.audio.Pcm16;
import dev.engram.audio.Wav;
import dev.engram.harness.check.UpstreamEvidence;
import dev.engram.harness.check.UpstreamEvidence.Awaited;
import dev.engram.harness.check.Verify;
import dev.engram.harness.client.VoiceSocket;
import dev.engram.harness.state.ScenarioContext;
import dev.engram.harness.state.VoiceState;
import io.cucumber.java.After;
import io.cucumber.java.Scenario;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The SOP 10.2 voice socket, as the browser uses it. */
public final class VoiceSteps {
    private final VoiceState voice;
    private final ScenarioContext scenario;
    private final Verify verify;

    public VoiceSteps(VoiceState voice, ScenarioContext scenario, Verify verify) {
        this.voice = voice;
        this.scenario = scenario;
        this.verify = verify;
    }

    @After
    public void hangUp(Scenario finished) {
        voice.metrics().ifPresent(metrics -> scenario.attach("voice metrics", metrics.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                dev.engram.harness.report.ResultsPlugin.VOICE_METRICS));
        voice.close();
    }

    @Given("the user opens a voice session")
    public void opens() {
        scenario.attach("voice session", voice.open());
    }

    @When("the user says {string}")
    public void says(String fixture) {
        voice.say(fixture, false);
    }


    @When("the user switches to {agent}")
    @When("the user asks for the agent {string}")
    public void switchesTo(String agent) {
        voice.markTurn();
        voice.socket().sendJson(Map.of("type", "agent", "agent_id", agent));
    }

    @When("the user cancels the response")
    public void cancels() {
        voice.socket().sendJson(Map.of("type", "cancel"));
    }

    @When("the client sends the frame {string}")
    public void sendsFrame(String frame) {
        voice.markTurn();
        voice.socket().send(frame.equals("<2 MB of audio>") ? oversizeFrame() : frame);
    }

    @When("the user hangs up")
    public void hangsUp() {
        voice.close();
    }

    @Then("the voice socket announces {agent}")
    public void announces(String agent) {
        awaitOrFail(Awaited.SESSION, m -> m.is("agent_switched") && m.agentId().equals(agent),
                "agent_switched for " + agent, "{\"type\": \"agent_switched\", \"agent_id\": \"" + agent + "\"}");
    }

    @Then("the user's speech is transcribed")
    public void transcribed() {
        String text = awaitOrFail(Awaited.TRANSCRIPTION, m -> m.isTranscription("complete", "user"), "the user's complete transcription",
                "a user transcription with status complete").text();
        scenario.attach("user transcript", text);
        verify.that(normalise(text).equals(normalise(voice.lastSpoken().transcript())), "transcription", "\"" + voice.lastSpoken().transcript() + "\"", "\"" + text + "\"");
    }

    @Then("the transcription goes listening, processing, complete")
    public void transcriptionStatuses() {
        awaitOrFail(Awaited.TRANSCRIPTION, m -> m.isTranscription("complete", "user"), "the user's complete transcription", "listening, processing, complete");
        List<String> statuses = voice.userStatusesThisTurn();
        verify.that(statuses.equals(List.of("listening", "processing", "complete")), "transcription status sequence", "listening, processing, complete", String.valueOf(statuses));
    }

    @Then("the assistant answers with speech")
    public void answersWithSpeech() {
        VoiceMessage complete = awaitOrFail(Awaited.ANSWER, m -> m.isTranscription("complete", "assistant"), "the assistant's answer",
                "a complete assistant transcription and audio messages");
        startsAnswering();
        verify.that(voice.audioWellFormedThisTurn(), "audio message shape", "every audio message {\"data\": base64, \"format\": \"audio/pcm16\"}", voice.seen());
        scenario.attach("assistant transcript", complete.text());
    }

    @Then("the assistant starts answering with speech")
    public void startsAnswering() {
        awaitOrFail(Awaited.ANSWER, VoiceMessage::isAudio, "answer audio", "{\"type\": \"audio\", \"format\": \"audio/pcm16\"}");
    }

    @Then("the assistant's answer mentions {string}")
    public void answerMentions(String text) {
        VoiceMessage complete = awaitOrFail(Awaited.ANSWER, m -> m.isTranscription("complete", "assistant"), "the assistant's answer", "an assistant answer");
        verify.that(complete.text().toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT)),
                "assistant answer", "an answer mentioning \"" + text + "\"", complete.text());
    }

    @Then("the voice socket answers an error mentioning {string}")
    public void errorMentioning(String text) {
        VoiceMessage error = awaitOrFail(Awaited.CLIENT_REPLY, VoiceMessage::isError, "error message", "{\"type\": \"error\", \"message\": \"...\"}");
        verify.that(error.message().contains(text), "error names the problem",
                "an error mentioning \"" + text + "\"", error.toString());
    }

    @Then("the voice socket answers an error")
    public void answersError() {
        awaitOrFail(Awaited.CLIENT_REPLY, VoiceMessage::isExplainedError,
                "error message", "{\"type\": \"error\", \"message\": \"...\"}");
    }

    @Then("the voice socket is still usable")
    public void stillUsable() {
        verify.that(voice.socket().isOpen(), "socket survives bad input", "the socket open", "closed: " + voice.socket().closeDescription());
        switchesTo("sage");
        announces("sage");
    }

    @Then("the answer audio is 24 kHz PCM16 speech")
    public void answerIsSpeech() {
        answersWithSpeech();
        Pcm16 audio = voice.turnAudio();
        scenario.attach("answer audio", Wav.write(audio), "audio/wav");
        verify.that(audio.durationMs() > 500 && audio.rms(0, audio.samples().length) > 100, "answer audio",
                "at least half a second of audible PCM16 at 24 kHz", audio.durationMs() + " ms, rms " + Math.round(audio.rms(0, audio.samples().length)));
    }


    private VoiceMessage awaitOrFail(Awaited awaited, java.util.function.Predicate<VoiceMessage> wanted, String what, String expected) {
        try {
            return voice.await(wanted, what);
        } catch (VoiceSocket.VoiceTimeout e) {
            verify.withEvidence(false, what, expected, e.getMessage(), UpstreamEvidence.voice(scenario.voiceLiveFrames(), awaited),
                    awaited == Awaited.CLIENT_REPLY ? null : "voicelive-disconnect");
            throw e;
        }
    }

    static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 ]", "").replaceAll("\\s+", " ").trim();
    }

    private static String oversizeFrame() {
        return "{\"type\":\"audio\",\"data\":\"" + "A".repeat(2_000_000) + "\"}";
    }
}
