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

    /**
     * This profile's part for one shard: the chat arrival rate divided evenly, and voice sessions dealt round-robin
     * (session k goes to shard k mod N), so N shards together carry exactly the whole profile.
     */
    public LoadProfile shard(LoadTarget.Shard shard) {
        int sessions = (int) shard.share(voiceSessions);
        return new LoadProfile(description, durationSeconds, chatUsersPerSecond / shard.count(), sessions, voiceRampSeconds, voiceTurns);
    }

    /** The chats the profile intends over its duration. */
    public long intendedChats() {
        return Math.round(chatUsersPerSecond * durationSeconds);
    }

    public static LoadProfile named(String name) {
        LoadProfile profile = all().get(name);
        if (profile == null) {
            throw new IllegalArgumentException("unknown load profile '" + name + "'; known: " + all().keySet());
        }
        return profile;
    }
}
