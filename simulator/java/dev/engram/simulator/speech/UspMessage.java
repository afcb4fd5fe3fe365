package dev.engram.simulator.speech;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One message of the Speech service's WebSocket protocol (USP): headers ({@code Path}, {@code X-RequestId},
 * {@code Content-Type}, ...) and a body. Text messages put the headers, a blank line, then the body; binary messages
 * (audio) start with a 2-byte big-endian header length, then the headers, then the audio bytes.
 */
record UspMessage(Map<String, String> headers, byte[] body) {

    String path() {
        return header("Path");
    }

    String requestId() {
        return header("X-RequestId");
    }

    String header(String name) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    static UspMessage parseText(String frame) {
        int split = frame.indexOf("\r\n\r\n");
        String head = split < 0 ? frame : frame.substring(0, split);
        String body = split < 0 ? "" : frame.substring(split + 4);
        return new UspMessage(headers(head), body.getBytes(StandardCharsets.UTF_8));
    }

    static UspMessage parseBinary(ByteBuffer frame) {
        if (frame.remaining() < 2) {
            throw new IllegalArgumentException("a binary message needs its 2-byte header length");
        }
        int length = frame.getShort() & 0xffff;
        if (length > frame.remaining()) {
            throw new IllegalArgumentException("the header length " + length + " exceeds the message");
        }
        byte[] head = new byte[length];
        frame.get(head);
        byte[] body = new byte[frame.remaining()];
        frame.get(body);
        return new UspMessage(headers(new String(head, StandardCharsets.US_ASCII)), body);
    }

    private static Map<String, String> headers(String head) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return out;
    }

    /** A service message as the SDK reads it. */
    static String serviceText(String path, String requestId, String json) {
        return "X-RequestId: " + requestId + "\r\nPath: " + path + "\r\nContent-Type: application/json; charset=utf-8\r\nX-Timestamp: "
                + java.time.Instant.now().toString() + "\r\n\r\n" + json;
    }

    @Override
    public String toString() {
        return "UspMessage[" + path() + ", " + body.length + " bytes]".toLowerCase(Locale.ROOT);
    }
}
