package dev.engram.harness.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.support.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Body shapes of the REST endpoints, as data ({@code sop/shapes.json}): field name to JSON type. Extra fields are
 * never an error (upstream adds some). {@code a|b} accepts either name. {@code $items} describes the elements of a
 * list, given either as a bare array or as the first array field of an object.
 */
public final class Shapes {
    @SuppressWarnings("unchecked")
    private static final Map<String, Map<String, Object>> SHAPES = Json.resource("sop/shapes.json", Map.class);

    private Shapes() {}

    /** The problems found; empty when the body has the shape. */
    @SuppressWarnings("unchecked")
    /** A body that is a JSON object or array (an error page, a plain-text body or an empty one is not). */
    public static boolean looksLikeJson(String body) {
        String trimmed = body == null ? "" : body.trim();
        return trimmed.startsWith("{") || trimmed.startsWith("[");
    }

    public static List<String> problems(String shape, JsonNode body) {
        Map<String, Object> spec = SHAPES.get(shape);
        if (spec == null) {
            throw new IllegalArgumentException("unknown shape '" + shape + "'; known: " + SHAPES.keySet());
        }
        if (spec.containsKey("$items")) {
            JsonNode list = body.isArray() ? body : firstArray(body);
            if (list == null || list.isEmpty()) {
                return List.of("expected a non-empty list, got " + abbreviate(body));
            }
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                for (String p : fieldProblems((Map<String, Object>) spec.get("$items"), list.get(i))) {
                    problems.add("item " + i + ": " + p);
                }
            }
            return problems;
        }
        return fieldProblems(spec, body);
    }

    private static List<String> fieldProblems(Map<String, Object> spec, JsonNode node) {
        List<String> problems = new ArrayList<>();
        if (!node.isObject()) {
            return List.of("expected a JSON object, got " + abbreviate(node));
        }
        spec.forEach((names, type) -> {
            JsonNode value = null;
            for (String name : names.split("\\|")) {
                value = value != null ? value : node.get(name);
            }
            if (value == null) {
                problems.add("missing field " + names.replace("|", " or "));
            } else if (!hasType(value, (String) type)) {
                problems.add("field " + names + " should be " + type + ", is " + abbreviate(value));
            }
        });
        return problems;
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            default -> throw new IllegalArgumentException("unknown type '" + type + "' in sop/shapes.json");
        };
    }

    private static JsonNode firstArray(JsonNode body) {
        if (!body.isObject()) {
            return null;
        }
        for (JsonNode child : body) {
            if (child.isArray()) {
                return child;
            }
        }
        return null;
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
