package dev.engram.harness.signoff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.support.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What each scenario attached (screenshots, transcripts, audio, HTTP exchanges), read from {@code cucumber.json}. */
public final class Evidence {
    public record Attachment(String name, String mediaType, String base64) {
        public String text() {
            return new String(java.util.Base64.getDecoder().decode(base64), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final Map<String, List<Attachment>> byLocation = new HashMap<>();

    /** Keyed by {@code features/...feature:line}, like {@code results.jsonl}. */
    public static Evidence read(Path cucumberJson) {
        Evidence evidence = new Evidence();
        if (!Files.exists(cucumberJson)) {
            return evidence;
        }
        try {
            for (JsonNode feature : Json.MAPPER.readTree(cucumberJson.toFile())) {
                String uri = feature.path("uri").asText();
                int at = uri.indexOf("features/");
                String path = at >= 0 ? uri.substring(at) : uri;
                for (JsonNode element : feature.path("elements")) {
                    List<Attachment> found = new ArrayList<>();
                    collect(element.path("before"), found);
                    element.path("steps").forEach(step -> collect(step.path("embeddings"), found));
                    collect(element.path("after"), found);
                    evidence.byLocation.computeIfAbsent(path + ":" + element.path("line").asInt(), k -> new ArrayList<>()).addAll(found);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + cucumberJson, e);
        }
        return evidence;
    }

    private static void collect(JsonNode embeddings, List<Attachment> into) {
        for (JsonNode node : embeddings) {
            if (node.has("embeddings")) {
                collect(node.path("embeddings"), into);
            } else if (node.has("data")) {
                into.add(new Attachment(node.path("name").asText(""), node.path("mime_type").asText("text/plain"), node.path("data").asText()));
            }
        }
    }

    public List<Attachment> of(String location) {
        return byLocation.getOrDefault(location, List.of());
    }
}
