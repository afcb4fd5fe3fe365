package dev.engram.harness.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns command-line choices and environment variables into a deployed {@link Target}. Per environment the API URL
 * comes from {@code --api} or {@code ENGRAM_<ENV>_API_URL}, the web URL from {@code --web} or
 * {@code ENGRAM_<ENV>_WEB_URL}, and a bearer token from {@code ENGRAM_<ENV>_TOKEN} or {@code ENGRAM_TOKEN}.
 * Tokens are read, never printed.
 */
public final class TargetResolver {
    /** The untracked profile file (git-ignored): per environment {@code api_url}, {@code web_url}, {@code token}. */
    public static final java.nio.file.Path PROFILE_FILE = java.nio.file.Path.of(".harness-profile.yaml");

    private final Map<String, String> env;

    public TargetResolver(Map<String, String> env) {
        this.env = withProfileFile(env);
    }

    /** Variables win over the profile file; the file fills what they leave unset. */
    private static Map<String, String> withProfileFile(Map<String, String> env) {
        java.nio.file.Path file = java.nio.file.Path.of(env.getOrDefault("ENGRAM_PROFILE_FILE", PROFILE_FILE.toString()));
        if (!java.nio.file.Files.exists(file)) {
            return env;
        }
        Map<String, String> merged = new java.util.HashMap<>();
        try {
            com.fasterxml.jackson.databind.JsonNode root = dev.engram.support.Yaml.MAPPER.readTree(file.toFile());
            root.path("environments").fields().forEachRemaining(e -> {
                String prefix = "ENGRAM_" + e.getKey().toUpperCase(Locale.ROOT) + "_";
                e.getValue().fields().forEachRemaining(f -> merged.put(prefix + f.getKey().toUpperCase(Locale.ROOT), f.getValue().asText()));
            });
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(file + " is not valid YAML: " + e.getMessage());
        }
        merged.putAll(env);
        return merged;
    }

    /** The deployed target for an environment, or empty when {@code local} should use the embedded stack. */
    public Optional<Target> deployed(String environment, String apiOption, String webOption) {
        Environments.require(environment);
        String prefix = "ENGRAM_" + environment.toUpperCase(Locale.ROOT) + "_";
        String api = firstNonBlank(apiOption, env.get(prefix + "API_URL"));
        if (api == null) {
            if (environment.equals("local")) {
                return Optional.empty();
            }
            throw new IllegalArgumentException("environment '" + environment + "' needs its API URL: pass --api URL or set "
                    + prefix + "API_URL");
        }
        requireHttpUrl(api, apiOption != null ? "--api" : prefix + "API_URL");
        String web = firstNonBlank(webOption, env.get(prefix + "WEB_URL"));
        if (web != null) {
            requireHttpUrl(web, webOption != null ? "--web" : prefix + "WEB_URL");
        }
        return Optional.of(new Target(environment, Endpoints.deployed(api, web), BackendUnderTest.deployed(api), token(environment)));
    }

    /** The bearer token from {@code ENGRAM_<ENV>_TOKEN} or {@code ENGRAM_TOKEN}; read, never printed. */
    public Optional<String> token(String environment) {
        String prefix = "ENGRAM_" + environment.toUpperCase(Locale.ROOT) + "_";
        return Optional.ofNullable(firstNonBlank(env.get(prefix + "TOKEN"), env.get("ENGRAM_TOKEN")));
    }

    private static void requireHttpUrl(String url, String source) {
        if (!url.matches("(?i)https?://[^/\\s]+(/\\S*)?")) {
            throw new IllegalArgumentException(source + " must be an http(s) URL such as https://api.example.com, got '" + url + "'");
        }
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.trim();
        }
        return b != null && !b.isBlank() ? b.trim() : null;
    }
}
