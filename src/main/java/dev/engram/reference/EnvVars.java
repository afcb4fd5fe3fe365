package dev.engram.reference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.support.Json;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Typed reads of environment variables; every failure names the variable and shows the expected form. */
final class EnvVars {
    private final Map<String, String> env;

    EnvVars(Map<String, String> env) {
        this.env = env;
    }

    Optional<String> text(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** Set but empty, as opposed to unset: the SOP's "key must be a string" case. */
    boolean setButEmpty(String name) {
        return env.containsKey(name) && env.get(name).isBlank();
    }

    String text(String name, String fallback) {
        return text(name).orElse(fallback);
    }

    boolean bool(String name, boolean fallback) {
        return text(name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new ConfigurationException(name + " must be true or false, got '" + v + "'");
        }).orElse(fallback);
    }

    int integer(String name, int fallback, int min) {
        return text(name).map(v -> {
            try {
                int parsed = Integer.parseInt(v);
                if (parsed < min) {
                    throw new ConfigurationException(name + " must be at least " + min + ", got " + parsed);
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new ConfigurationException(name + " must be an integer, got '" + v + "'");
            }
        }).orElse(fallback);
    }

    String oneOf(String name, String fallback, Set<String> allowed) {
        String value = text(name, fallback);
        String normalised = value.toLowerCase(Locale.ROOT);
        if (!allowed.contains(normalised)) {
            throw new ConfigurationException(name + " must be one of " + allowed + ", got '" + value + "'");
        }
        return normalised;
    }

    Optional<URI> url(String name) {
        return text(name).map(v -> {
            try {
                URI uri = URI.create(v);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!Set.of("http", "https", "ws", "wss").contains(scheme) || uri.getHost() == null) {
                    throw new IllegalArgumentException("no http(s) scheme or host");
                }
                return uri;
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(name + " must be an absolute http(s) URL such as https://host/path, got '" + v + "'");
            }
        });
    }

    /** A JSON list of strings, as {@code CORS_ORIGINS=["https://app.example"]}. */
    List<String> jsonList(String name) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return List.of();
        }
        JsonNode node;
        try {
            node = Json.parse(raw.get());
        } catch (Exception e) {
            throw new ConfigurationException(name + " must be a JSON list of strings such as [\"https://app.example\"], got '" + raw.get() + "'");
        }
        if (!node.isArray()) {
            throw new ConfigurationException(name + " must be a JSON list of strings such as [\"https://app.example\"], got a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new ConfigurationException(name + " must hold only non-empty strings, found " + item);
            }
            values.add(item.asText());
        }
        return List.copyOf(values);
    }
}
