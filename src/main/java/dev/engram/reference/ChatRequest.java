package dev.engram.reference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.support.Json;
import java.util.Locale;
import java.util.Optional;

/** A validated {@code POST /api/v1/chat} body. Every rejection names the field at fault. */
public record ChatRequest(String content, Agent agent, Optional<String> sessionId) {
    static final int MAX_CONTENT = 32_000;
    static final int MAX_SESSION_ID = 200;

    /** User input echoed in an error is cut to this many characters. */
    static final int ECHO_LIMIT = 64;

    /** Parses raw bytes, refusing a body that is not valid UTF-8 with a 400 naming the body and the byte. */
    public static ChatRequest parse(byte[] rawBody, Agents agents) {
        java.nio.charset.CharsetDecoder decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT).onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(rawBody);
        try {
            return parse(decoder.decode(bytes).toString(), agents);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ApiError(400, "invalid_utf8", "The request body is not valid UTF-8 (at byte " + bytes.position() + ")", "body");
        }
    }

    static String echo(String input) {
        return input.length() <= ECHO_LIMIT ? input : input.substring(0, ECHO_LIMIT) + "… (" + input.length() + " characters)";
    }

    public static ChatRequest parse(String rawBody, Agents agents) {
        JsonNode body = parseBody(rawBody);
        String content = requiredString(body, "content");
        if (content.length() > MAX_CONTENT) {
            throw ApiError.invalid("content", "content must be at most " + MAX_CONTENT + " characters, got " + content.length());
        }
        String agentId = optionalString(body, "agent_id").orElse(Agents.DEFAULT);
        Agent agent = agents.find(agentId.toLowerCase(Locale.ROOT)).orElseThrow(() -> ApiError.invalid("agent_id",
                "agent_id '" + echo(agentId) + "' is not a known agent; known agents: " + String.join(", ", agents.ids())));
        Optional<String> sessionId = optionalString(body, "session_id");
        sessionId.ifPresent(id -> {
            if (id.isBlank() || id.length() > MAX_SESSION_ID || !id.matches("[A-Za-z0-9._:-]+")) {
                throw ApiError.invalid("session_id", "session_id must be 1-" + MAX_SESSION_ID
                        + " characters of letters, digits, '.', '_', ':' or '-'");
            }
        });
        return new ChatRequest(content, agent, sessionId);
    }

    private static JsonNode parseBody(String rawBody) {
        if (rawBody == null || rawBody.isBlank()) {
            throw new ApiError(400, "invalid_json", "The request body is empty; send a JSON object with a 'content' field", "body");
        }
        JsonNode body;
        try {
            body = Json.parse(rawBody);
        } catch (Exception e) {
            throw new ApiError(400, "invalid_json", "The request body is not valid JSON", "body");
        }
        if (!body.isObject()) {
            throw ApiError.invalid("body", "The request body must be a JSON object, got " + kind(body));
        }
        return body;
    }

    private static String requiredString(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw ApiError.invalid(field, field + " is required");
        }
        if (!value.isTextual()) {
            throw ApiError.invalid(field, field + " must be a string, got " + kind(value));
        }
        if (value.asText().isBlank()) {
            throw ApiError.invalid(field, field + " must not be empty");
        }
        return value.asText();
    }

    private static Optional<String> optionalString(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiError.invalid(field, field + " must be a string or null, got " + kind(value));
        }
        return Optional.of(value.asText());
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
