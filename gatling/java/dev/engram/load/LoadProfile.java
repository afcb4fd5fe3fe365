package dev.engram.load;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.engram.support.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** A load shape, as data in {@code gatling/data/profiles.json}: smoke, baseline, spike, soak. */
public record LoadProfile(
        String description,
        @JsonProperty("duration_s") int durationSeconds,
        @JsonProperty("chat_users_per_s") double chatUsersPerSecond,
        @JsonProperty("voice_sessions") int voiceSessions,
        @JsonProperty("voice_ramp_s") int voiceRampSeconds,
        @JsonProperty("voice_turns") int voiceTurns) {

    public static final Path FILE = Path.of("gatling/data/profiles.json");

    public static Map<String, LoadProfile> all() {
        try {
            return Json.MAPPER.readValue(FILE.toFile(), new TypeReference<Map<String, LoadProfile>>() {});
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read load profiles from " + FILE + ": " + e.getMessage());
        }
    }

    public static LoadProfile named(String name) {
        LoadProfile profile = all().get(name);
        if (profile == null) {
            throw new IllegalArgumentException("unknown load profile '" + name + "'; known: " + all().keySet());
        }
        return profile;
    }
}
