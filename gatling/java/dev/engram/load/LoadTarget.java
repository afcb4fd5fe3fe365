package dev.engram.load;

/**
 * Where a simulation points, resolved once from {@code -D} properties set by {@code ./harness load}:
 * {@code engram.load.api}, {@code engram.load.profile}, {@code engram.load.token} (optional).
 */
public record LoadTarget(String api, String profileName, LoadProfile profile, String token) {

    public static LoadTarget fromSystemProperties() {
        String api = System.getProperty("engram.load.api");
        if (api == null || api.isBlank()) {
            throw new IllegalArgumentException("engram.load.api is not set; run simulations through ./harness load");
        }
        String name = System.getProperty("engram.load.profile", "smoke");
        return new LoadTarget(api.replaceAll("/+$", ""), name, LoadProfile.named(name), System.getProperty("engram.load.token"));
    }

    public String ws() {
        return api.replaceFirst("^http", "ws");
    }
}
