package dev.engram.simulator.zep;

import dev.engram.support.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Zep's fact extraction, made deterministic: patterns from {@code simulator/data/zep/fact-patterns.json}. A rule that
 * {@code supersedes} invalidates the user's earlier fact of the same kind, as Zep does with a contradicted fact.
 */
final class FactExtractor {
    record Rule(String pattern, String fact, boolean supersedes) {}

    /** A fact, and the rule (its template) that extracted it. */
    record Extracted(String kind, String fact, boolean supersedes) {}

    private final List<Rule> rules;
    private final List<Pattern> patterns;

    private FactExtractor(List<Rule> rules) {
        this.rules = rules;
        this.patterns = rules.stream().map(r -> Pattern.compile(r.pattern())).toList();
    }

    static FactExtractor load() {
        return new FactExtractor(Arrays.asList(Json.resource("simulator/zep/fact-patterns.json", Rule[].class)));
    }

    List<Extracted> extract(String text) {
        List<Extracted> found = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Matcher m = patterns.get(i).matcher(text);
            while (m.find()) {
                Rule rule = rules.get(i);
                found.add(new Extracted(rule.fact(), rule.fact().replace("{1}", m.group(1).trim()), rule.supersedes()));
            }
        }
        return found;
    }
}
