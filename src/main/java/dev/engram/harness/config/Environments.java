package dev.engram.harness.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The SOP's environments as the harness names them, and the tag expression that selects a run's scenarios.
 *
 * <p>Applicability scheme: a scenario without {@code @env:*} tags applies everywhere; one with {@code @env:x} tags
 * applies only to those environments. {@code @simulated} scenarios need the embedded simulators and run only
 * when the harness started the stack itself; {@code @web} scenarios need a web URL.
 */
public final class Environments {
    public static final List<String> NAMES = List.of("local", "staging", "dev", "test", "uat", "prod");

    private Environments() {}

    public static String require(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown environment '" + name + "'; choose one of " + String.join(", ", NAMES));
        }
        return name;
    }

    /** A JUnit Platform tag expression (Cucumber tags without the {@code @}). */
    public static String tagExpression(String environment, boolean embedded, boolean hasWeb, String userTags) {
        String others = NAMES.stream().filter(n -> !n.equals(environment))
                .map(n -> "!env:" + n).collect(Collectors.joining(" & "));
        String expression = "((" + others + ") | env:" + environment + ")";
        if (!embedded) {
            expression += " & !simulated";
        }
        if (!hasWeb) {
            expression += " & !web";
        }
        if (userTags != null && !userTags.isBlank()) {
            expression += " & (" + fromCucumber(userTags) + ")";
        }
        return expression;
    }

    /** Accepts Cucumber's {@code @a and not @b or @c} as well as JUnit's {@code a & !b | c}. */
    static String fromCucumber(String tags) {
        return tags.replace("@", "")
                .replaceAll("(?i)\\bnot\\b", "!")
                .replaceAll("(?i)\\band\\b", "&")
                .replaceAll("(?i)\\bor\\b", "|")
                .replaceAll("\\s+", " ")
                .trim();
    }
}
