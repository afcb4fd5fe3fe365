package dev.engram.harness.cli;

import java.util.Map;

/** The SOP's {@code test_suite} names (e2e-tests.yml) as tag expressions. */
final class Suites {
    private static final Map<String, String> TAGS = Map.of("all", "", "smoke", "@smoke", "api", "@api", "voice", "@voice", "chat", "@chat",
            "connectivity", "@connectivity");

    private Suites() {}

    static String tags(String suite) {
        if (suite == null) {
            return "";
        }
        String tags = TAGS.get(suite);
        if (tags == null) {
            throw new IllegalArgumentException("unknown --suite '" + suite + "'" + dev.engram.harness.config.Environments.didYouMean(suite,
                    java.util.List.copyOf(TAGS.keySet())) + "; choose one of all, smoke, api, voice, chat, connectivity");
        }
        return tags;
    }

    static String combine(String suiteTags, String userTags) {
        if (suiteTags.isBlank()) {
            return userTags;
        }
        return userTags == null || userTags.isBlank() ? suiteTags : "(" + suiteTags + ") and (" + userTags + ")";
    }
}
