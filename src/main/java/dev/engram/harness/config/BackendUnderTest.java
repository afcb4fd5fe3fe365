package dev.engram.harness.config;

/**
 * What the gate judged: {@code reference} (the in-repo server in this JVM), {@code command} or {@code image} (a
 * backend the harness started beside its simulators), {@code serve} (a backend wired to a running
 * {@code ./harness serve}) or {@code deployed}; and its description for the report (the command, the image and
 * digest, or the URL).
 */
public record BackendUnderTest(String kind, String description) {

    public static BackendUnderTest deployed(String url) {
        return new BackendUnderTest("deployed", url);
    }

    /** The harness started it, so it can start a second instance with one variable changed. */
    public boolean relaunchable() {
        return kind.equals("reference") || kind.equals("command") || kind.equals("image");
    }

    public boolean reference() {
        return kind.equals("reference");
    }
}
