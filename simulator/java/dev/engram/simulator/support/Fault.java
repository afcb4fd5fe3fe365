package dev.engram.simulator.support;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One injected misbehaviour of a simulator, as data: answer with {@code status} (and {@code Retry-After} when set,
 * plus Azure OpenAI's {@code retry-after-ms} when {@code retryAfterMs} is set) after {@code delayMs}, for the next {@code times} requests ({@code null}: until cleared).
 * A fault with only a delay slows the normal answer down. {@code rawBody} replaces the answer's body verbatim (for
 * example malformed JSON with a 200), where the service would send it as it is.
 */
public record Fault(
        Integer status,
        @JsonProperty("retry_after_seconds") Integer retryAfterSeconds,
        @JsonProperty("retry_after_ms") Integer retryAfterMs,
        @JsonProperty("delay_ms") Long delayMs,
        Integer times,
        String message,
        @JsonProperty("raw_body") String rawBody) {

    public long delay() {
        return delayMs == null ? 0 : delayMs;
    }

    public boolean replacesAnswer() {
        return status != null;
    }
}
