package dev.engram.audio;

/** Audio that is not what the voice path accepts; the message names the format found and the one required. */
public final class AudioFormatException extends RuntimeException {
    public AudioFormatException(String message) {
        super(message);
    }
}
