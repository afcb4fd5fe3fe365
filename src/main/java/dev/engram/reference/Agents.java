package dev.engram.reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent roster, kept once in {@code reference/agents.json} (upstream's three); each agent's voice comes from the
 * settings, so each environment can set it.
 */
public final class Agents {
    /** One roster entry: who the agent is, and the SOP variable that sets its voice. */
    public record Entry(String id, String name, String role, String persona,
                        @com.fasterxml.jackson.annotation.JsonProperty("voice_variable") String voiceVariable,
                        @com.fasterxml.jackson.annotation.JsonProperty("default_voice") String defaultVoice) {}

    private record Roster(List<Entry> agents, @com.fasterxml.jackson.annotation.JsonProperty("default") String defaultAgent) {}

    private static final Roster ROSTER = dev.engram.support.Json.resource("reference/agents.json", Roster.class);
    public static final String DEFAULT = ROSTER.defaultAgent();

    private final Map<String, Agent> byId = new LinkedHashMap<>();

    /** @param voices each agent's voice by id (from {@link #voicesFrom}) */
    public Agents(Map<String, String> voices) {
        for (Entry e : ROSTER.agents()) {
            byId.put(e.id(), new Agent(e.id(), e.name(), e.role(), e.persona(), voices.getOrDefault(e.id(), e.defaultVoice())));
        }
    }

    /** Each agent's voice as its SOP variable sets it, or its default. */
    static Map<String, String> voicesFrom(java.util.function.BiFunction<String, String, String> variable) {
        Map<String, String> voices = new LinkedHashMap<>();
        ROSTER.agents().forEach(e -> voices.put(e.id(), variable.apply(e.voiceVariable(), e.defaultVoice())));
        return voices;
    }

    public Optional<Agent> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<Agent> all() {
        return List.copyOf(byId.values());
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }
}
