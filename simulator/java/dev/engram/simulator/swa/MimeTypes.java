package dev.engram.simulator.swa;

import java.util.Locale;
import java.util.Map;

/** Rule 11: a built-in extension table, then the config's {@code mimeTypes}; unknown is application/octet-stream. */
final class MimeTypes {
    private static final Map<String, String> BUILT_IN = Map.ofEntries(
            Map.entry(".html", "text/html"), Map.entry(".htm", "text/html"), Map.entry(".css", "text/css"),
            Map.entry(".js", "text/javascript"), Map.entry(".mjs", "text/javascript"), Map.entry(".json", "application/json"),
            Map.entry(".map", "application/json"), Map.entry(".svg", "image/svg+xml"), Map.entry(".png", "image/png"),
            Map.entry(".jpg", "image/jpeg"), Map.entry(".jpeg", "image/jpeg"), Map.entry(".gif", "image/gif"),
            Map.entry(".ico", "image/x-icon"), Map.entry(".webp", "image/webp"), Map.entry(".woff", "font/woff"),
            Map.entry(".woff2", "font/woff2"), Map.entry(".txt", "text/plain"), Map.entry(".wav", "audio/wav"),
            Map.entry(".webmanifest", "application/manifest+json"), Map.entry(".xml", "application/xml"));

    private MimeTypes() {}

    static String forFile(String file, Map<String, String> configured) {
        int dot = file.lastIndexOf('.');
        int slash = file.lastIndexOf('/');
        if (dot <= slash) {
            return "application/octet-stream";
        }
        String extension = file.substring(dot).toLowerCase(Locale.ROOT);
        if (configured.containsKey(extension)) {
            return configured.get(extension);
        }
        return BUILT_IN.getOrDefault(extension, "application/octet-stream");
    }
}
