package dev.engram.harness.state;

import dev.engram.harness.stack.RunWorld;
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
    private java.time.Instant started = java.time.Instant.now();
    private int gatewayCallsBefore;
    private final Map<String, String> uniques = new ConcurrentHashMap<>();
    private final RunWorld world;

    public ScenarioContext(RunWorld world) {
        this.world = world;
    }

    public void begin(Scenario scenario) {
        this.scenario = scenario;
        this.started = java.time.Instant.now();
        this.gatewayCallsBefore = simulators().map(dev.engram.harness.stack.Simulators::gatewayCallCount).orElse(0);
    }

    /** The simulators the backend is wired to, when it is wired to any. */
    public java.util.Optional<dev.engram.harness.stack.Simulators> simulators() {
        return dev.engram.harness.stack.Simulators.of(target().endpoints());
    }

    /** VoiceLive's frames since this scenario began. */
    public List<dev.engram.harness.stack.Simulators.VoiceLiveFrame> voiceLiveFrames() {
        return simulators().map(s -> s.voiceLiveLog(started)).orElse(List.of());
    }

    /** For a multi-turn reply that forgot something: what the gateway and Zep saw of the session, if they saw it. */
    public java.util.Optional<dev.engram.harness.check.UpstreamEvidence.Finding> memoryEvidence(String session) {
        var calls = gatewayCalls();
        return calls.size() < 2 ? java.util.Optional.empty()
                : dev.engram.harness.check.UpstreamEvidence.memory(calls, simulators().orElseThrow().zepCalls(), session);
    }

    /** The gateway's requests since this scenario began. */
    public List<dev.engram.harness.stack.Simulators.GatewayCall> gatewayCalls() {
        return simulators().map(s -> s.gatewayCallsFrom(gatewayCallsBefore)).orElse(List.of());
    }

    public Target target() {
        return world.target();
    }

    public List<String> sopSections() {
        List<String> sections = new ArrayList<>();
        for (String tag : tags()) {
            if (tag.startsWith("@sop:")) {
                sections.add(tag.substring(5));
            }
        }
        if (sections.isEmpty()) {
            tags().stream().filter(t -> t.startsWith("@seed:websocket-troubleshooting:"))
                    .forEach(t -> sections.add("guide " + t.substring("@seed:websocket-troubleshooting:".length())));
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
