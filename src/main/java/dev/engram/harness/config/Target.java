package dev.engram.harness.config;

import java.util.Optional;

/**
 * What a run is pointed at: an environment's name and expectations, its endpoints, the backend under test and the
 * bearer token the harness calls with. Simulator endpoints are present when the backend is wired to the harness's
 * simulators, so {@code @simulated} scenarios can run.
 */
public record Target(String environment, Endpoints endpoints, BackendUnderTest backend, Optional<String> bearerToken) {

    public Target {
        bearerToken = bearerToken == null ? Optional.empty() : bearerToken;
    }

    public String api() {
        return endpoints.api();
    }

    /** The backend is wired to simulators the harness can steer. */
    public boolean simulated() {
        return endpoints.gateway() != null && endpoints.zep() != null && endpoints.voicelive() != null;
    }

    /** The in-repo reference server runs in this JVM. */
    public boolean embedded() {
        return backend.reference();
    }

    @Override
    public String toString() {
        return "Target[" + environment + " at " + endpoints.api() + ", " + backend.kind()
                + (bearerToken.isPresent() ? ", bearer token set" : "") + "]";
    }
}
