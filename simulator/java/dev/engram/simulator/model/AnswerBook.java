package dev.engram.simulator.model;

import dev.engram.support.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated model, shared by the gateway and VoiceLive simulators (neither imports the other): question
 * patterns mapped to answers per persona, read from
 * {@code simulator/data/gateway/answers.json}. A rule with {@code recall} answers from the conversation context
 * the caller sent (system prompt or earlier messages), which is how memory enrichment becomes observable.
 */
public final class AnswerBook {
    public record Persona(String id, String recognise, String name, String opening, String voice) {}

    public record Rule(
            String id,
            String match,
            String answer,
            Map<String, String> answers,
            String recall,
            @com.fasterxml.jackson.annotation.JsonProperty("recall_in") String recallIn,
            String unrecalled) {}

    /** {@code user_speakers}: the labels a model reads as the user speaking ({@code user:}, {@code Human:} ...). */
    public record Book(List<Persona> personas, List<Rule> rules,
            @com.fasterxml.jackson.annotation.JsonProperty("user_speakers") List<String> userSpeakers, String fallback) {}

    /** What the model says, and which rule chose it (recorded in the simulator's journal). */
    public record Answer(String text, String ruleId, String personaId) {}

    private static final Persona NEUTRAL = new Persona("default", "", "an assistant", "", null);

    private final Book book;
    private final List<Pattern> patterns;
    private final List<Pattern> ownAnswers;
    private final UserTurns userTurns;

    private AnswerBook(Book book) {
        this.book = book;
        this.patterns = book.rules().stream().map(rule -> Pattern.compile(rule.match())).toList();
        this.ownAnswers = ownAnswerPatterns(book);
        this.userTurns = new UserTurns(java.util.Set.copyOf(book.userSpeakers()),
                line -> ownAnswers.stream().anyMatch(p -> p.matcher(line).matches()));
    }

    /** Every text this model can say, with the recalled part left open, so its own earlier answers are known. */
    private static List<Pattern> ownAnswerPatterns(Book book) {
        java.util.ArrayList<Pattern> own = new java.util.ArrayList<>();
        for (Persona persona : book.personas()) {
            java.util.ArrayList<String> templates = new java.util.ArrayList<>(List.of(book.fallback()));
            for (Rule rule : book.rules()) {
                templates.add(rule.answer());
                if (rule.answers() != null) {
                    templates.addAll(rule.answers().values());
                }
                if (rule.unrecalled() != null) {
                    templates.add(rule.unrecalled());
                }
            }
            for (String template : templates) {
                String text = template.replace("{opening}", persona.opening()).replace("{name}", persona.name()).strip();
                own.add(Pattern.compile(java.util.Arrays.stream(text.split("\\{1\\}", -1)).map(Pattern::quote)
                        .collect(java.util.stream.Collectors.joining(".*"))));
            }
        }
        return own;
    }

    public static AnswerBook load() {
        return new AnswerBook(Json.resource("simulator/gateway/answers.json", Book.class));
    }

    /**
     * @param context everything the caller sent before the question (system prompt and earlier turns)
     * @param question the last user message
     */
    public Answer answer(String context, String question) {
        Persona persona = personaIn(context);
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).matcher(question).find()) {
                Rule rule = book.rules().get(i);
                return new Answer(render(rule, persona, context, question), rule.id(), persona.id());
            }
        }
        return new Answer(fill(book.fallback(), persona, null), "fallback", persona.id());
    }

    /** The user's earlier turns as a model reads them in this context. */
    public List<String> userTurnsIn(String context) {
        return userTurns.in(context);
    }

    /** Every answer that does not depend on context, per persona: what can be pre-recorded as speech. */
    public List<Answer> scripted() {
        java.util.ArrayList<Answer> answers = new java.util.ArrayList<>();
        for (Persona persona : book.personas()) {
            for (Rule rule : book.rules()) {
                if (rule.recall() == null) {
                    answers.add(new Answer(render(rule, persona, "", ""), rule.id(), persona.id()));
                }
            }
            answers.add(new Answer(fill(book.fallback(), persona, null), "fallback", persona.id()));
        }
        return answers;
    }

    public List<Persona> personas() {
        return book.personas();
    }

    private String render(Rule rule, Persona persona, String context, String question) {
        String template = rule.answers() != null && rule.answers().containsKey(persona.id())
                ? rule.answers().get(persona.id())
                : rule.answer();
        if (rule.recall() == null) {
            return fill(template, persona, null);
        }
        String searched = "user_turns".equals(rule.recallIn()) ? String.join("\n", userTurns.in(context)) : context;
        Optional<String> recalled = lastMatch(Pattern.compile(rule.recall(), Pattern.MULTILINE), searched, question);
        return recalled.map(value -> fill(template, persona, value))
                .orElseGet(() -> fill(rule.unrecalled(), persona, null));
    }

    /** The last capture in the context that is not the question being asked now. */
    private static Optional<String> lastMatch(Pattern pattern, String context, String question) {
        Matcher m = pattern.matcher(context);
        String found = null;
        while (m.find()) {
            String value = m.group(1).trim();
            if (!value.equalsIgnoreCase(question.trim())) {
                found = value;
            }
        }
        return Optional.ofNullable(found);
    }

    private Persona personaIn(String context) {
        return book.personas().stream()
                .filter(p -> context.contains(p.recognise()))
                .findFirst()
                .orElse(NEUTRAL);
    }

    private static String fill(String template, Persona persona, String recalled) {
        String text = template.replace("{opening}", persona.opening()).replace("{name}", persona.name());
        if (recalled != null) {
            text = text.replace("{1}", recalled);
        }
        return text.strip();
    }
}
