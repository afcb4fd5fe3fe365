package dev.engram.harness.state;

import dev.engram.harness.stack.HarnessRuntime;
import dev.engram.harness.config.Target;
import io.cucumber.java.Scenario;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Per scenario: its tags (SOP sections, NON-STRICT), evidence attachments, and unique words it invents. */
public final class ScenarioContext {
    private static final Pattern UNIQUE = Pattern.compile("%([A-Za-z]+)%");

    private Scenario scenario;
    private final Map<String, String> uniques = new ConcurrentHashMap<>();

    public void begin(Scenario scenario) {
        this.scenario = scenario;
    }

    public Target target() {
        return HarnessRuntime.target();
    }

    public List<String> sopSections() {
        List<String> sections = new ArrayList<>();
        for (String tag : tags()) {
            if (tag.startsWith("@sop:")) {
                sections.add(tag.substring(5));
            }
        }
        return sections.isEmpty() ? List.of("(no @sop tag)") : sections;
    }

    public boolean nonStrict() {
        return tags().contains("@non-strict");
    }

    public void attach(String name, String text) {
        if (scenario != null) {
            scenario.attach(text, "text/plain", name);
        }
    }

    public void attach(String name, byte[] data, String mediaType) {
        if (scenario != null) {
            scenario.attach(data, mediaType, name);
        }
    }

    /** Replaces {@code %Word%} with Word plus a random suffix, the same within one scenario. */
    public String expand(String text) {
        Matcher m = UNIQUE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String word = uniques.computeIfAbsent(m.group(1), ScenarioContext::invent);
            m.appendReplacement(out, Matcher.quoteReplacement(word));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String invent(String base) {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            suffix.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return base + suffix;
    }

    private Collection<String> tags() {
        return scenario == null ? List.of() : scenario.getSourceTagNames();
    }
}
