package dev.engram.simulator.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;

/** The chat-completions {@code messages} array, split into the system prompt, earlier context and the question. */
record Conversation(String system, String context, String question) {

    static Conversation of(ArrayNode messages) {
        List<String> system = new ArrayList<>();
        List<String> context = new ArrayList<>();
        String question = null;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asText("");
            String text = textOf(message.path("content"));
            boolean last = i == messages.size() - 1;
            if (last && role.equals("user") && !text.isBlank()) {
                question = text;
            } else if (role.equals("system") || role.equals("developer")) {
                system.add(text);
                context.add(text);
            } else {
                context.add(role + ": " + text);
            }
        }
        return new Conversation(String.join("\n", system), String.join("\n", context), question);
    }

    /** Content is a string, or an array of parts of which the text parts count. */
    private static String textOf(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        content.forEach(part -> text.append(part.path("text").asText("")));
        return text.toString();
    }

    static int tokens(String text) {
        if (text == null) {
            return 0;
        }
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            words += !space && !inWord ? 1 : 0;
            inWord = !space;
        }
        return words;
    }
}
