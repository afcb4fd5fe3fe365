package dev.engram.simulator.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the user said earlier, read from a request the way a model reads it, whatever the backend's prompt layout:
 * earlier {@code user} messages, lines labelled with a user speaker ({@code user:}, {@code Human -}, {@code [Q]} ...)
 * anywhere in the system prompt, and, when nothing is labelled, the prompt's plain lines that are neither a header,
 * the opening persona paragraph nor one of the model's own answers.
 */
final class UserTurns {
    private static final Pattern BULLET = Pattern.compile("^(?:[-*\\u2022>]+|\\d+[.)])\\s*");
    private static final Pattern TIMESTAMP = Pattern.compile("^\\[?\\d{1,4}[-/:T.\\d ]*(?:Z|[AP]M)?\\]?\\s+");
    private static final Pattern LABELLED = Pattern.compile(
            "^(?:\\[([A-Za-z][\\w .'-]{0,24})\\]\\s*:?|([A-Za-z][\\w .'-]{0,24}?)\\s*(?::|said:|says:|asked:|\\s-))\\s*(.+)$");

    private final Set<String> userSpeakers;
    private final Predicate<String> ownAnswer;

    UserTurns(Set<String> userSpeakers, Predicate<String> ownAnswer) {
        this.userSpeakers = userSpeakers;
        this.ownAnswer = ownAnswer;
    }

    /** The user's earlier utterances in order; {@code context} is the system text and {@code role: text} lines. */
    List<String> in(String context) {
        List<String> labelled = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        boolean persona = true;
        for (String raw : context.split("\\R")) {
            String line = unmarked(raw.strip());
            if (line.isEmpty()) {
                persona = false;
                continue;
            }
            Matcher m = mayBeLabelled(line) ? LABELLED.matcher(line) : null;
            if (m != null && m.matches()) {
                persona = false;
                String speaker = m.group(1) != null ? m.group(1) : m.group(2);
                if (userSpeakers.contains(speaker.strip().toLowerCase(java.util.Locale.ROOT))) {
                    labelled.add(m.group(3).strip());
                }
            } else if (line.endsWith(":")) {
                persona = false;
            } else if ((!persona || line.endsWith("?")) && !ownAnswer.test(line)) {
                plain.add(line);
            }
        }
        return labelled.isEmpty() ? plain : labelled;
    }

    /** The line without a leading bullet or timestamp; the patterns run only where one can start (a prompt has many lines). */
    private static String unmarked(String line) {
        if (line.isEmpty() || Character.isLetter(line.charAt(0)) && line.charAt(0) < 128) {
            return line;
        }
        return TIMESTAMP.matcher(BULLET.matcher(line).replaceFirst("")).replaceFirst("").strip();
    }

    /** Whether {@link #LABELLED} can match at all: a label is bracketed, or followed by a colon or a dash. */
    private static boolean mayBeLabelled(String line) {
        return line.charAt(0) == '[' || line.indexOf(':') >= 0 || line.indexOf('-') >= 0;
    }
}
