package dev.engram.harness.client;

/** The target did not answer at all; the message names the URL and the network cause. */
public final class TargetUnreachable extends RuntimeException {
    public TargetUnreachable(String url, Throwable cause) {
        super("cannot reach " + url + ": " + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "connection refused (is it running, and is the URL right?)";
            }
            if (t instanceof java.net.http.HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
                return "no answer in time";
            }
            if (t instanceof java.net.UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "TLS failed: " + t.getMessage();
            }
        }
        Throwable root = cause;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " (" + root.getMessage() + ")");
    }
}
