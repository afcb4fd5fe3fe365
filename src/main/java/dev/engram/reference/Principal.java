package dev.engram.reference;

/** Who is calling. In POC mode every caller is the anonymous user. */
public record Principal(String userId, String role) {
    public static final Principal ANONYMOUS = new Principal("anonymous", "user");
}
