package dev.engram.audio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Which recorded voice speaks for a VoiceLive voice name, from {@code audio-fixtures/voices.json}. */
public final class Voices {
    private final Map<String, String> byName = new LinkedHashMap<>();
    private final String fallback;

    public Voices(Path file) {
        try {
            JsonNode root = Json.MAPPER.readTree(file.toFile());
            fallback = root.path("default").asText();
            Iterator<Map.Entry<String, JsonNode>> voices = root.path("voices").fields();
            while (voices.hasNext()) {
                Map.Entry<String, JsonNode> voice = voices.next();
                voice.getValue().path("names").forEach(name -> byName.put(name.asText(), voice.getKey()));
                byName.put(voice.getKey(), voice.getKey());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read voice map " + file, e);
        }
    }

    /** The recorded voice for a VoiceLive voice name; unknown names speak with the default voice. */
    public String recordedVoice(String voiceName) {
        return voiceName == null ? fallback : byName.getOrDefault(voiceName, fallback);
    }

}
