package dev.engram.simulator.network;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.engram.support.Json;
import java.io.InputStream;
import java.util.Map;

/**
 * One network fault of {@code simulator/data/network-faults.json}: what the peer does ({@code kind}), with its
 * parameters, and the guide's cause it reproduces.
 */
public record NetworkFault(
        String name,
        String kind,
        @JsonProperty("delay_ms") long delayMs,
        int failures,
        long bytes,
        @JsonProperty("proxy_mode") String proxyMode,
        String reproduces) {

    private static final Map<String, NetworkFault> ALL = load();

    public static NetworkFault named(String name) {
        NetworkFault fault = ALL.get(name);
        if (fault == null) {
            throw new IllegalArgumentException("unknown network fault '" + name + "'; known: " + String.join(", ", ALL.keySet()));
        }
        return fault;
    }

    private static Map<String, NetworkFault> load() {
        try (InputStream in = NetworkFault.class.getClassLoader().getResourceAsStream("simulator/network-faults.json")) {
            Map<String, NetworkFault> raw = Json.MAPPER.readValue(in, new TypeReference<Map<String, NetworkFault>>() {});
            Map<String, NetworkFault> named = new java.util.LinkedHashMap<>();
            raw.forEach((name, f) -> named.put(name, new NetworkFault(name, f.kind(), f.delayMs(), f.failures(), f.bytes(), f.proxyMode(), f.reproduces())));
            return Map.copyOf(named);
        } catch (Exception e) {
            throw new IllegalStateException("simulator/network-faults.json is unreadable: " + e.getMessage(), e);
        }
    }
}
