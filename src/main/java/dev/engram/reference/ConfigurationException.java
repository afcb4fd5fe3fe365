package dev.engram.reference;

/** A start-up setting is missing or malformed; the message names the variable and what it should look like. */
public final class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }
}
