package dev.engram.harness.client;

/** The target did not answer at all; the message names the URL and the network cause. */
public final class TargetUnreachable extends RuntimeException {
    public TargetUnreachable(String url, Throwable cause) {
        super("cannot reach " + url + ": " + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }
}
