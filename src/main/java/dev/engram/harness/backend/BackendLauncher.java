package dev.engram.harness.backend;

import java.util.Map;

/**
 * Starts an Engram backend with the SOP's variables on a given loopback port and returns once it answers
 * {@code /health}. The same launcher starts the backend under test and, for the troubleshooting rows, a second
 * instance with one variable changed.
 */
public interface BackendLauncher {
    RunningBackend start(Map<String, String> environment, int port);

    /** What the report records as the backend under test: the command, the image, or the reference server. */
    String describe();

    /** {@code reference} for the in-repo server, {@code command} or {@code image} for a foreign backend. */
    String kind();
}
