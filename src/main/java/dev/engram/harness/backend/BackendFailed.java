package dev.engram.harness.backend;

/** A backend under test that would not start or never became healthy; the message carries its last log lines. */
public final class BackendFailed extends RuntimeException {
    public BackendFailed(String message) {
        super(message);
    }
}
