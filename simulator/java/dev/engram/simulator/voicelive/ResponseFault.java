package dev.engram.simulator.voicelive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.support.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A server event VoiceLive sends in the middle of a response ({@code warning}, or an {@code error} that fails the
 * response), from {@code simulator/data/voicelive/faults.json}; the simulator arms one for its next responses.
 */
record ResponseFault(String name, String after, Integer times, String ends, ObjectNode event, int closeCode, String closeReason) {
    private static final Map<String, ResponseFault> CATALOGUE = load();

    static ResponseFault named(String name) {
        ResponseFault fault = CATALOGUE.get(name);
        if (fault == null) {
            throw new IllegalArgumentException("unknown VoiceLive fault '" + name + "'; known faults: " + CATALOGUE.keySet());
        }
        return fault;
    }

    boolean failsResponse() {
        return "failed".equals(ends);
    }

    /** The service closes the socket (with {@link #closeCode()}) instead of finishing the response. */
    boolean closesSocket() {
        return "close".equals(ends);
    }

    /** The response just stops: no more deltas and no response.done, the socket left open. */
    boolean stalls() {
        return "stall".equals(ends);
    }

    /** The error the failed response carries in {@code status_details}. */
    ObjectNode error() {
        return event != null && event.path("error").isObject() ? (ObjectNode) event.path("error").deepCopy() : Json.object().put("type", "server_error");
    }

    private static Map<String, ResponseFault> load() {
        ObjectNode raw = Json.resource("simulator/voicelive/faults.json", ObjectNode.class);
        Map<String, ResponseFault> faults = new LinkedHashMap<>();
        raw.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            com.fasterxml.jackson.databind.JsonNode f = entry.getValue();
            if (!name.startsWith("_")) {
                faults.put(name, new ResponseFault(name, f.path("after").asText(), f.path("times").isInt() ? f.path("times").asInt() : null,
                        f.path("ends").isTextual() ? f.path("ends").asText() : null, f.path("event").isObject() ? (ObjectNode) f.path("event") : null,
                        f.path("close_code").asInt(1011), f.path("close_reason").asText("")));
            }
        });
        return faults;
    }
}
