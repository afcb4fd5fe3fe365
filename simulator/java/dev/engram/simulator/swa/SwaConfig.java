package dev.engram.simulator.swa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.support.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed {@code staticwebapp.config.json}; a malformed file is refused with a message naming the problem. */
public record SwaConfig(
        List<Route> routes,
        Optional<Fallback> navigationFallback,
        Map<Integer, Override> responseOverrides,
        Map<String, String> globalHeaders,
        Map<String, String> mimeTypes) {

    public record Route(RouteGlob route, List<String> methods, List<String> allowedRoles, String redirect,
                        String rewrite, Integer statusCode, Map<String, String> headers) {}

    public record Fallback(String rewrite, List<RouteGlob> exclude) {}

    public record Override(Integer statusCode, String redirect, String rewrite) {}

    public static final SwaConfig EMPTY = new SwaConfig(List.of(), Optional.empty(), Map.of(), Map.of(), Map.of());

    /** Reads the folder's config file; a folder without one behaves as SWA does with none. */
    public static SwaConfig load(Path folder) {
        Path file = folder.resolve("staticwebapp.config.json");
        if (!Files.exists(file)) {
            return EMPTY;
        }
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new SwaConfigException("cannot read " + file + ": " + e.getMessage());
        }
    }

    public static SwaConfig parse(String text) {
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new SwaConfigException("staticwebapp.config.json is not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (!root.isObject()) {
            throw new SwaConfigException("staticwebapp.config.json must hold a JSON object");
        }
        List<Route> routes = new ArrayList<>();
        JsonNode routeList = root.path("routes");
        if (!routeList.isMissingNode() && !routeList.isArray()) {
            throw new SwaConfigException("'routes' must be an array");
        }
        for (int i = 0; i < routeList.size(); i++) {
            routes.add(route(routeList.get(i), "routes[" + i + "]"));
        }
        Optional<Fallback> fallback = Optional.empty();
        JsonNode nav = root.path("navigationFallback");
        if (!nav.isMissingNode()) {
            String rewrite = requiredText(nav, "rewrite", "navigationFallback");
            fallback = Optional.of(new Fallback(rewrite, strings(nav.path("exclude"), "navigationFallback.exclude").stream()
                    .map(RouteGlob::of).toList()));
        }
        Map<Integer, Override> overrides = new LinkedHashMap<>();
        root.path("responseOverrides").fields().forEachRemaining(e -> {
            int status;
            try {
                status = Integer.parseInt(e.getKey());
            } catch (NumberFormatException x) {
                throw new SwaConfigException("responseOverrides key '" + e.getKey() + "' is not an HTTP status code");
            }
            JsonNode o = e.getValue();
            overrides.put(status, new Override(o.has("statusCode") ? o.path("statusCode").asInt() : null,
                    o.path("redirect").asText(null), o.path("rewrite").asText(null)));
        });
        return new SwaConfig(List.copyOf(routes), fallback, overrides, textMap(root.path("globalHeaders"), "globalHeaders"),
                textMap(root.path("mimeTypes"), "mimeTypes"));
    }

    private static Route route(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new SwaConfigException(where + " must be an object");
        }
        String pattern = requiredText(node, "route", where);
        if (!pattern.startsWith("/") && !pattern.startsWith("*")) {
            throw new SwaConfigException(where + ".route must start with '/', got '" + pattern + "'");
        }
        Integer status = node.has("statusCode") ? node.path("statusCode").asInt() : null;
        return new Route(RouteGlob.of(pattern), strings(node.path("methods"), where + ".methods"),
                strings(node.path("allowedRoles"), where + ".allowedRoles"), node.path("redirect").asText(null),
                node.path("rewrite").asText(null), status, textMap(node.path("headers"), where + ".headers"));
    }

    private static String requiredText(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new SwaConfigException(where + "." + field + " is required and must be a non-empty string");
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new SwaConfigException(where + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        node.forEach(item -> {
            if (!item.isTextual()) {
                throw new SwaConfigException(where + " must hold only strings, found " + item);
            }
            out.add(item.asText());
        });
        return List.copyOf(out);
    }

    private static Map<String, String> textMap(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new SwaConfigException(where + " must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
