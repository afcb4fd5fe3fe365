package dev.engram.reference;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Roles to permissions. Entra app roles (SOP 5.3): engram.user, engram.analyst, engram.admin. SOP 3.3 dev token
 * roles: analyst, admin, user, and viewer (read-only).
 */
public final class Permissions {
    public static final String CHAT = "chat";
    public static final String VOICE = "voice";

    static final Map<String, Set<String>> BY_ROLE = Map.of(
            "engram.user", Set.of(CHAT, VOICE),
            "engram.analyst", Set.of(CHAT, VOICE, "memory.read"),
            "engram.admin", Set.of(CHAT, VOICE, "memory.read", "admin"),
            "user", Set.of(CHAT, VOICE),
            "analyst", Set.of(CHAT, VOICE, "memory.read"),
            "admin", Set.of(CHAT, VOICE, "memory.read", "admin"),
            "viewer", Set.of("memory.read"));

    private Permissions() {}

    static void require(Principal principal, String permission) {
        List<String> roles = principal.roles();
        boolean allowed = roles.stream().anyMatch(role -> BY_ROLE.getOrDefault(role, Set.of()).contains(permission));
        if (!allowed) {
            throw new ApiError(403, "forbidden", "The caller's roles " + roles + " do not grant '" + permission + "'", "Authorization");
        }
    }
}
