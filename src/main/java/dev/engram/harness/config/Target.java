package dev.engram.harness.config;

import java.util.Optional;

/**
 * What a run is pointed at: an environment's name and expectations, and its endpoints. {@code embedded} is true
 * when the harness started the stack itself, so simulator-controlled scenarios can run.
 */
public record Target(String environment, Endpoints endpoints, boolean embedded, Optional<String> bearerToken) {

    public Target {
        bearerToken = bearerToken == null ? Optional.empty() : bearerToken;
    }

    public String api() {
        return endpoints.api();
    }

    @Override
    public String toString() {
        return "Target[" + environment + " at " + endpoints.api() + (embedded ? ", embedded" : "")
                + (bearerToken.isPresent() ? ", bearer token set" : "") + "]";
    }
}
