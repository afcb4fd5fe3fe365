package dev.engram.simulator.voicelive;

/** The WebSocket upgrade is refused with a real HTTP status and an Azure-style JSON error body. */
public final class HandshakeRefused extends RuntimeException {
    private final int status;
    private final String code;

    public HandshakeRefused(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
