package dev.engram.harness.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.engram.support.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** One SOP environment's expectations and rehearsal variables, from {@code sop/environments.yaml}. */
public record EnvironmentProfile(
        @JsonProperty("auth_model") String authModel,
        Map<String, String> variables,
        @JsonProperty("managed_identity") boolean managedIdentity,
        @JsonProperty("audit_logging") boolean auditLogging,
        @JsonProperty("cors_exact_origin") boolean corsExactOrigin,
        String scale,
        @JsonProperty("harness_identity") HarnessIdentity harnessIdentity) {

    /** How the harness signs in: {@code none}, {@code dev-token}, {@code service-principal} or {@code user}, and as whom. */
    public record HarnessIdentity(String kind, String name) {}

    private static final Map<String, EnvironmentProfile> ALL = load();

    public static EnvironmentProfile of(String environment) {
        EnvironmentProfile profile = ALL.get(Environments.require(environment));
        if (profile == null) {
            throw new IllegalArgumentException("sop/environments.yaml has no profile for " + environment);
        }
        return profile;
    }

    /** The value the reference server reports as {@code environment} in /health. */
    public String engramEnvironment() {
        return variables.get("ENVIRONMENT");
    }

    public boolean authRequired() {
        return Boolean.parseBoolean(variables.get("AUTH_REQUIRED"));
    }

    public boolean needsEntra() {
        return List.of("service-principal", "user", "mfa-user").contains(harnessIdentity.kind());
    }

    private static Map<String, EnvironmentProfile> load() {
        try (InputStream in = EnvironmentProfile.class.getClassLoader().getResourceAsStream("sop/environments.yaml")) {
            return Yaml.MAPPER.readValue(in, new TypeReference<Map<String, EnvironmentProfile>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("sop/environments.yaml is unreadable", e);
        }
    }
}
