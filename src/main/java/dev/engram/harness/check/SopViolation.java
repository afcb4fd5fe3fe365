package dev.engram.harness.check;

/** A failed conformance check: which SOP sections, what was expected, what was seen, and the SOP's fix if any. */
public final class SopViolation extends AssertionError {
    public SopViolation(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // the message is the finding; a stack trace would only bury it in reports
    }
}
