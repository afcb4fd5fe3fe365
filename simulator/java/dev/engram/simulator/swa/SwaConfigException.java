package dev.engram.simulator.swa;

/** A {@code staticwebapp.config.json} that cannot be applied; the message names the problem and where it is. */
public final class SwaConfigException extends IllegalArgumentException {
    public SwaConfigException(String message) {
        super(message);
    }
}
