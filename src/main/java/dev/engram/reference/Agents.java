package dev.engram.reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The three upstream agents; their voices come from the settings so each environment can set them. */
public final class Agents {
    public static final String DEFAULT = "elena";

    private final Map<String, Agent> byId = new LinkedHashMap<>();

    public Agents(Map<String, String> voices) {
        add(new Agent("elena", "Dr. Elena Vasquez", "Business Analyst",
                "You are Dr. Elena Vasquez, Engram's business analyst. You turn conversations into clear requirements.",
                voices.get("elena")));
        add(new Agent("marcus", "Marcus Chen", "Project Manager",
                "You are Marcus Chen, Engram's project manager. You plan work, risks and milestones.",
                voices.get("marcus")));
        add(new Agent("sage", "Sage Meridian", "Storytelling & Visualization Specialist",
                "You are Sage Meridian, Engram's storyteller. You explain ideas as stories and pictures.",
                voices.get("sage")));
    }

    private void add(Agent agent) {
        byId.put(agent.id(), agent);
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
