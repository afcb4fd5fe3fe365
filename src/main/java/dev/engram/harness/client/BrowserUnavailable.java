package dev.engram.harness.client;

/** The browser cannot start; the message names the missing piece and how to install it. */
public final class BrowserUnavailable extends RuntimeException {
    public BrowserUnavailable(String message) {
        super(message);
    }
}
