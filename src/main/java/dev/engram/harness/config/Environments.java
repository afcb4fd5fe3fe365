package dev.engram.harness.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The SOP's environments as the harness names them, and the tag expression that selects a run's scenarios.
 *
 * <p>Applicability scheme: a scenario without {@code @env:*} tags applies everywhere; one with {@code @env:x} tags
 * applies only to those environments. {@code @simulated} scenarios steer the simulators and run only when the
 * backend under test is wired to them; {@code @relaunch} scenarios start a second instance of the backend and run
 * only when the harness started it; {@code @reference} scenarios read the in-repo reference server's internals;
 * {@code @web} scenarios need a web URL; {@code @connectivity} scenarios (the WebSocket troubleshooting guide) run only
 * when the tags or {@code --suite connectivity} ask for them.
 */
public final class Environments {
    public static final List<String> NAMES = List.of("local", "staging", "dev", "test", "uat", "prod");

    private Environments() {}

    public static String require(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown environment '" + name + "'" + didYouMean(name, NAMES) + "; choose one of " + String.join(", ", NAMES));
        }
        return name;
    }

    /** {@code "; did you mean 'prod'?"} for the closest choice within two edits, else nothing. */
    public static String didYouMean(String typed, List<String> choices) {
        String best = null;
        int bestDistance = 3;
        for (String choice : choices) {
            int d = distance(typed == null ? "" : typed.toLowerCase(java.util.Locale.ROOT), choice);
            if (d < bestDistance) {
                best = choice;
                bestDistance = d;
            }
        }
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            previous = current;
        }
        return previous[b.length()];
    }

    /** A JUnit Platform tag expression (Cucumber tags without the {@code @}). */
    public static String tagExpression(String environment, Target target, String userTags) {
        String others = NAMES.stream().filter(n -> !n.equals(environment))
                .map(n -> "!env:" + n).collect(Collectors.joining(" & "));
        String expression = "((" + others + ") | env:" + environment + ")";
        if (!target.simulated()) {
            expression += " & !simulated";
        }
        if (!target.backend().relaunchable()) {
            expression += " & !relaunch";
        }
        if (!target.embedded()) {
            expression += " & !reference";
        }
        if (target.endpoints().web() == null) {
            expression += " & !web";
        }
        if (userTags == null || !userTags.contains("connectivity")) {
            expression += " & !connectivity"; // the WebSocket troubleshooting guide's suite runs when asked for
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

    /** JUnit Platform's {@code a & !b | c} as Cucumber's {@code @a and not @b or @c}, for Cucumber's own runtime. */
    public static String toCucumber(String tags) {
        return tags.replaceAll("([^\\s()&|!]+)", "@$1")
                .replace("!", " not ")
                .replace("&", " and ")
                .replace("|", " or ")
                .replaceAll("\\s+", " ")
                .trim();
    }
}
