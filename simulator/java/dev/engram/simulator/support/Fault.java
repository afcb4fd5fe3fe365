package dev.engram.simulator.support;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One injected misbehaviour of a simulator, as data: answer with {@code status} (and {@code Retry-After} when set)
 * after {@code delayMs}, for the next {@code times} requests ({@code null}: until cleared).
 * A fault with only a delay slows the normal answer down.
 */
public record Fault(
        Integer status,
        @JsonProperty("retry_after_seconds") Integer retryAfterSeconds,
        @JsonProperty("delay_ms") Long delayMs,
        Integer times,
        String message) {

    public long delay() {
        return delayMs == null ? 0 : delayMs;
    }

    public boolean replacesAnswer() {
        return status != null;
    }
}
