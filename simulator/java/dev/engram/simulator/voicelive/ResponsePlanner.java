package dev.engram.simulator.voicelive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.audio.Fixture;
import dev.engram.audio.FixtureRegistry;
import dev.engram.audio.Pcm16;
import dev.engram.audio.Voices;
import dev.engram.simulator.model.AnswerBook;
import dev.engram.support.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the model says next, and how: from the conversation so far, the session (instructions, voice, modalities,
 * tools) and the response's options. A function or MCP call when the user's words ask for a declared tool; the tool's
 * output when one was just added; the service profile's apology when nothing was heard; otherwise the answer book's
 * answer, spoken with the recorded clip of the session's voice.
 */
final class ResponsePlanner {
    /** One conversation item as the planner reads it. */
    record Turn(String role, String text) {}

    private final ServiceProfile profile;
    private final AnswerBook answers;
    private final Voices voices;
    private final FixtureRegistry fixtures;

    ResponsePlanner(ServiceProfile profile, AnswerBook answers, Voices voices, FixtureRegistry fixtures) {
        this.profile = profile;
        this.answers = answers;
        this.voices = voices;
        this.fixtures = fixtures;
    }

    ResponseStream.Plan plan(ObjectNode session, ObjectNode options, List<Turn> conversation, Optional<ToolCalls.Call> approved, Predicate<String> mcpOffers) {
        List<String> modalities = new ArrayList<>();
        (options.has("modalities") ? options.path("modalities") : session.path("modalities")).forEach(m -> modalities.add(m.asText()));
        StringBuilder context = new StringBuilder(session.path("instructions").asText("") + "\n" + options.path("instructions").asText(""));
        String question = "";
        for (Turn turn : conversation) {
            context.append('\n').append(turn.role()).append(": ").append(turn.text());
            question = turn.role().equals("user") ? turn.text() : question;
        }
        Turn last = conversation.isEmpty() ? null : conversation.get(conversation.size() - 1);
        Optional<ToolCalls.Call> call = approved.isPresent() ? approved
                : last != null && last.role().equals("user") ? ToolCalls.match(question, session.path("tools"), mcpOffers) : Optional.empty();
        String text = last != null && last.role().equals("function_call_output") ? last.text()
                : question.isBlank() ? profile.unheardAnswer() : answers.answer(context.toString(), question).text();
        ObjectNode voice = voiceOf(session.path("voice"));
        Pcm16 audio = fixtures.answerClip(voices.recordedVoice(voice.path("name").asText(null)), text).map(Fixture::audio)
                .orElse(Pcm16.silence(profile.silenceWithoutClipMs()));
        return new ResponseStream.Plan(call.isPresent() ? "" : text, audio, modalities.contains("audio") && call.isEmpty(), voice, modalities,
                ResponseStream.tokens(context.toString()), call.orElse(null));
    }

    private static ObjectNode voiceOf(JsonNode voice) {
        return voice.isObject() ? (ObjectNode) voice.deepCopy() : Json.object().put("name", voice.asText(null)).put("type", "azure-standard");
    }
}
