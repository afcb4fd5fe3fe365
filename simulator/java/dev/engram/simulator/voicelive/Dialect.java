package dev.engram.simulator.voicelive;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.support.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One api-version's dialect, from {@code simulator/data/voicelive/versions.json}: the event names it renames or drops
 * relative to the 2025-10-01 names the simulator speaks internally, the client events it removed, its session shape
 * (flat, or {@code v1}'s nested {@code audio.input}/{@code audio.output}) and the preview features it offers, with
 * whether they must be enabled by the {@code VoiceLive-Features} request header. Behaviour is data; no version branch
 * lives in code.
 */
public final class Dialect {
    record Version(boolean ga, @JsonProperty("token_audiences") List<String> tokenAudiences, @JsonProperty("session_shape") String sessionShape, Map<String, String> renames, List<String> drops,
            @JsonProperty("client_removed") List<String> clientRemoved, @JsonProperty("preview_features") List<String> previewFeatures,
            @JsonProperty("features_need_header") boolean featuresNeedHeader) {}

    record Feature(String path, String value) {}

    record Data(Map<String, Version> versions, Map<String, Feature> features, @JsonProperty("nested_session") Map<String, String> nestedSession) {}

    private static final Data DATA = Json.resource("simulator/voicelive/versions.json", Data.class);

    private final String name;
    private final Version version;
    private final Set<String> enabled;

    private Dialect(String name, Version version, Set<String> enabled) {
        this.name = name;
        this.version = version;
        this.enabled = enabled;
    }

    /** Every api-version the simulator speaks, in the data's order. */
    public static List<String> versions() {
        return List.copyOf(DATA.versions().keySet());
    }

    /**
     * @param apiVersion a version of {@link #versions()}
     * @param featuresHeader the {@code VoiceLive-Features} header (comma-separated), or null
     */
    public static Dialect of(String apiVersion, String featuresHeader) {
        Version version = DATA.versions().get(apiVersion);
        if (version == null) {
            throw new IllegalArgumentException("unsupported api-version " + apiVersion);
        }
        Set<String> enabled = featuresHeader == null ? Set.of()
                : Set.of(java.util.Arrays.stream(featuresHeader.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toArray(String[]::new));
        return new Dialect(apiVersion, version, enabled);
    }

    public String name() {
        return name;
    }

    /** The Entra token audiences this version accepts at the handshake. */
    Set<String> tokenAudiences() {
        return Set.copyOf(version.tokenAudiences());
    }

    /** The event as this version sends it, or empty when this version does not have it. */
    Optional<ObjectNode> outbound(ObjectNode event) {
        String type = event.path("type").asText();
        if (version.drops().contains(type)) {
            return Optional.empty();
        }
        String renamed = version.renames().getOrDefault(type, type);
        if (!renamed.equals(type)) {
            event.put("type", renamed);
        }
        if (nested() && event.path("session").isObject()) {
            event.set("session", nest((ObjectNode) event.get("session")));
        }
        return Optional.of(event);
    }

    /** Why this version refuses a client event, or empty when it takes it. */
    Optional<String> refusal(String type) {
        return version.clientRemoved().contains(type)
                ? Optional.of("Unknown client event type '" + type + "' in api-version " + name) : Optional.empty();
    }

    /** A {@code session.update}'s session in the flat shape the simulator keeps. */
    JsonNode flatten(JsonNode session) {
        if (!nested() || !session.isObject()) {
            return session;
        }
        ObjectNode flat = ((ObjectNode) session).deepCopy();
        DATA.nestedSession().forEach((flatName, pointer) -> {
            JsonNode value = session.at(pointer);
            if (!value.isMissingNode()) {
                flat.set(flatName, value);
            }
        });
        flat.remove(List.of("audio", "output_modalities", "max_output_tokens"));
        return flat;
    }

    /** A preview feature the (flat) session patch uses that this version or its header does not enable. */
    Optional<String> unavailableFeature(JsonNode patch) {
        for (Map.Entry<String, Feature> feature : DATA.features().entrySet()) {
            JsonNode used = patch.at(JsonPointer.compile(feature.getValue().path()));
            if (used.isTextual() && used.asText().equals(feature.getValue().value())) {
                String id = feature.getKey();
                if (!version.previewFeatures().contains(id)) {
                    return Optional.of("Feature '" + id + "' is not available in api-version " + name + "; it is offered in "
                            + DATA.versions().entrySet().stream().filter(v -> v.getValue().previewFeatures().contains(id)).map(Map.Entry::getKey).toList());
                }
                if (version.featuresNeedHeader() && !enabled.contains(id)) {
                    return Optional.of("Feature '" + id + "' is a preview feature in api-version " + name
                            + "; enable it with the request header 'VoiceLive-Features: " + id + "'");
                }
            }
        }
        return Optional.empty();
    }

    private boolean nested() {
        return version.sessionShape().equals("nested");
    }

    private static ObjectNode nest(ObjectNode flat) {
        ObjectNode nested = flat.deepCopy();
        List<String> moved = new ArrayList<>();
        DATA.nestedSession().forEach((flatName, pointer) -> {
            if (flat.has(flatName)) {
                put(nested, pointer, flat.get(flatName));
                moved.add(flatName);
            }
        });
        nested.remove(moved);
        return nested;
    }

    private static void put(ObjectNode root, String pointer, JsonNode value) {
        String[] parts = pointer.substring(1).split("/");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.has(parts[i]) && node.get(parts[i]).isObject() ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
    }
}
