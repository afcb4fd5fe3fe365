package dev.engram.simulator.voicelive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The conversation of one realtime session: its items in order (messages, transcribed speech, answers, function calls
 * and their outputs) and the client events that edit them ({@code conversation.item.create}, {@code .delete},
 * {@code .retrieve}, {@code .truncate}), each answered as VoiceLive answers it.
 */
final class Conversation {
    /** A conversation item, kept for context: role and its text (transcript for audio). */
    record Item(String id, String role, StringBuilder text) {}

    private final RealtimeSession session;
    private final Outbox outbox;
    private final List<Item> items = new ArrayList<>();

    Conversation(RealtimeSession session, Outbox outbox) {
        this.session = session;
        this.outbox = outbox;
    }

    void add(Item item) {
        items.add(item);
    }

    /** What the planner reads: each item's role and text, in order. */
    List<ResponsePlanner.Turn> turns() {
        return items.stream().map(i -> new ResponsePlanner.Turn(i.role(), i.text().toString())).toList();
    }

    void create(JsonNode item, String previousItemId) {
        if (item.isObject() && "function_call_output".equals(item.path("type").asText())) {
            functionOutput(item, previousItemId);
            return;
        }
        if (item.isObject() && "mcp_approval_response".equals(item.path("type").asText())) {
            session.approval(item);
            return;
        }
        if (!item.isObject() || !"message".equals(item.path("type").asText("message"))) {
            session.error("invalid_request_error", "invalid_value", "'item' must be a message object", "item");
            return;
        }
        String role = item.path("role").asText("");
        if (!List.of("user", "assistant", "system").contains(role)) {
            session.error("invalid_request_error", "invalid_value", "'item.role' must be user, assistant or system", "item.role");
            return;
        }
        StringBuilder text = new StringBuilder();
        item.path("content").forEach(part -> text.append(part.path("text").asText(part.path("transcript").asText(""))));
        String itemId = item.path("id").asText(session.id("item"));
        String previous = previousItemId != null ? previousItemId : lastItemId();
        items.add(new Item(itemId, role, text));
        ObjectNode created = session.event("conversation.item.created").put("previous_item_id", previous);
        ObjectNode json = ((ObjectNode) item.deepCopy()).put("id", itemId).put("object", "realtime.item").put("status", "completed");
        created.set("item", json);
        outbox.send(created);
    }

    /** A tool's result, added by the client after a function call; the next response speaks it. */
    private void functionOutput(JsonNode item, String previousItemId) {
        String callId = item.path("call_id").asText("");
        Optional<Item> call = items.stream().filter(i -> i.role().equals("function_call") && i.id().endsWith("|" + callId)).findFirst();
        if (call.isEmpty()) {
            session.error("invalid_request_error", "invalid_value", "'item.call_id' names no function call of this conversation: '" + callId + "'", "item.call_id");
            return;
        }
        String itemId = item.path("id").asText(session.id("item"));
        String name = call.get().text().toString();
        items.add(new Item(itemId, "function_call_output", new StringBuilder(ToolCalls.afterOutput(name, item.path("output").asText("")))));
        ObjectNode created = session.event("conversation.item.created").put("previous_item_id", previousItemId != null ? previousItemId : lastItemId());
        created.set("item", ((ObjectNode) item.deepCopy()).put("id", itemId).put("object", "realtime.item").put("status", "completed"));
        outbox.send(created);
    }

    void delete(String itemId) {
        if (!items.removeIf(item -> item.id().equals(itemId))) {
            session.error("invalid_request_error", "item_not_found", "Item '" + itemId + "' does not exist", "item_id");
            return;
        }
        outbox.send(session.event("conversation.item.deleted").put("item_id", itemId));
    }

    void retrieve(String itemId) {
        Optional<Item> item = items.stream().filter(i -> i.id().equals(itemId)).findFirst();
        if (item.isEmpty()) {
            session.error("invalid_request_error", "item_not_found", "Item '" + itemId + "' does not exist", "item_id");
            return;
        }
        ObjectNode retrieved = session.event("conversation.item.retrieved");
        ObjectNode json = retrieved.putObject("item").put("id", itemId).put("object", "realtime.item").put("type", "message")
                .put("status", "completed").put("role", item.get().role());
        ArrayNode content = json.putArray("content");
        content.addObject().put("type", item.get().role().equals("user") ? "input_text" : "text").put("text", item.get().text().toString());
        outbox.send(retrieved);
    }

    void truncate(JsonNode event) {
        String itemId = event.path("item_id").asText(null);
        if (items.stream().noneMatch(i -> i.id().equals(itemId))) {
            session.error("invalid_request_error", "item_not_found", "Item '" + itemId + "' does not exist", "item_id");
            return;
        }
        outbox.send(session.event("conversation.item.truncated").put("item_id", itemId)
                .put("content_index", event.path("content_index").asInt(0)).put("audio_end_ms", event.path("audio_end_ms").asInt(0)));
    }

    String lastItemId() {
        return items.isEmpty() ? null : items.get(items.size() - 1).id();
    }
}
