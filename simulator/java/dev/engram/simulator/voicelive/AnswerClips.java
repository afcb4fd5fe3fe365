package dev.engram.simulator.voicelive;

import dev.engram.simulator.model.AnswerBook;

/**
 * Lists the answers to pre-record, one line each: {@code voice<TAB>clip id<TAB>text}. Used by
 * {@code audio-fixtures/generate.sh}; every persona's scripted answers in its own voice, plus a neutral line per voice
 * for answers that depend on context.
 */
public final class AnswerClips {
    public static final String GENERIC_ID = "generic";
    public static final String GENERIC_TEXT = "Here is what I found for you.";

    private AnswerClips() {}

    public static void main(String[] args) {
        AnswerBook book = AnswerBook.load();
        book.personas().forEach(persona -> {
            book.scripted().stream()
                    .filter(answer -> answer.personaId().equals(persona.id()))
                    .forEach(answer -> System.out.println(persona.voice() + "\t" + persona.id() + "-" + answer.ruleId() + "\t" + answer.text()));
            System.out.println(persona.voice() + "\t" + GENERIC_ID + "\t" + GENERIC_TEXT);
        });
    }
}
