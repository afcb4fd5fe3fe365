package dev.engram.reference;

import java.util.List;

/** Who is calling: an object id, roles, and whether the sign-in used MFA. In POC mode everyone is anonymous. */
public record Principal(String userId, List<String> roles, boolean mfa) {
    public static final Principal ANONYMOUS = new Principal("anonymous", List.of("engram.user"), false);
}
