package dev.engram.simulator.support;

import dev.engram.support.Json;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fault a simulator currently applies. Named faults come from {@code simulator/data/faults.json}; an ad hoc
 * {@link Fault} can be armed too. Thread-safe: each request takes at most one use of a counted fault.
 */
public final class FaultSwitch {
    private static final Map<String, Fault> CATALOGUE = loadCatalogue();

    private final Armed<Fault> armed = new Armed<>();

    public static Set<String> names() {
        return CATALOGUE.keySet();
    }

    public static Fault named(String name) {
        Fault fault = CATALOGUE.get(name);
        if (fault == null) {
            throw new IllegalArgumentException("unknown fault '" + name + "'; known faults: " + CATALOGUE.keySet());
        }
        return fault;
    }

    public void arm(Fault fault) {
        armed.arm(fault, fault.times());
    }

    public void clear() {
        armed.clear();
    }

    /** The fault that applies to the request now arriving, if any; consumes one use. */
    public Optional<Fault> take() {
        return armed.take();
    }

    private static Map<String, Fault> loadCatalogue() {
        InputStream in = FaultSwitch.class.getClassLoader().getResourceAsStream("simulator/faults.json");
        if (in == null) {
            throw new IllegalStateException("missing data file on the classpath: simulator/faults.json");
        }
        try (in) {
            return Json.MAPPER.readValue(in, new TypeReference<Map<String, Fault>>() {});
        } catch (java.io.IOException e) {
            throw new IllegalStateException("simulator/faults.json is malformed: " + e.getMessage(), e);
        }
    }
}
