package dev.engram.simulator.voicelive;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.audio.Pcm16;
import dev.engram.support.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One assistant response, streamed as VoiceLive does: created, output item, content part, transcript (or text)
 * deltas, audio deltas, the done events and {@code response.done} with usage. It can be cancelled at any point;
 * then the remaining deltas are dropped and it ends {@code cancelled} with the reason.
 */
final class ResponseStream {
    enum State { ACTIVE, DONE, CANCELLED, FAILED }

    /** What the response says and how. */
    /** What to say; or, when {@code toolCall} is set, the function call to make instead. */
    record Plan(String text, Pcm16 audio, boolean withAudio, ObjectNode voice, List<String> modalities, int inputTokens, ToolCalls.Call toolCall) {}

    private final RealtimeSession session;
    private final Outbox outbox;
    private final Pacing pacing;
    private final Plan plan;
    final String id;
    final String itemId;
    private final AtomicReference<State> state = new AtomicReference<>(State.ACTIVE);
    private final StringBuilder spoken = new StringBuilder();
    private final String previousItemId;
    private final java.util.function.Consumer<ResponseStream> onEnd;
    private final java.util.Optional<ResponseFault> fault;
    private boolean faultQueued;

    ResponseStream(RealtimeSession session, Outbox outbox, Pacing pacing, Plan plan, String previousItemId, java.util.function.Consumer<ResponseStream> onEnd,
                   java.util.Optional<ResponseFault> fault) {
        this.fault = fault;
        this.session = session;
        this.outbox = outbox;
        this.pacing = pacing;
        this.plan = plan;
        this.id = session.id("resp");
        this.itemId = session.id("item");
        this.previousItemId = previousItemId;
        this.onEnd = onEnd;
    }

    boolean active() {
        return state.get() == State.ACTIVE;
    }

    void start() {
        ObjectNode created = session.event("response.created");
        created.set("response", response("in_progress", null, Json.MAPPER.createArrayNode(), null));
        outbox.send(created, pacing.beforeResponse(), this::active);
        if (plan.toolCall() != null && plan.toolCall().mcp()) {
            callMcp(plan.toolCall());
            return;
        }
        if (plan.toolCall() != null) {
            call(plan.toolCall());
            return;
        }

        ObjectNode added = session.event("response.output_item.added");
        added.put("response_id", id).put("output_index", 0);
        added.set("item", item("in_progress", Json.MAPPER.createArrayNode()));
        outbox.send(added, 0, this::active);

        ObjectNode itemCreated = session.event("conversation.item.created");
        itemCreated.put("previous_item_id", previousItemId);
        itemCreated.set("item", item("in_progress", Json.MAPPER.createArrayNode()));
        outbox.send(itemCreated, 0, this::active);

        ObjectNode partAdded = partEvent("response.content_part.added");
        partAdded.set("part", part(""));
        outbox.send(partAdded, 0, this::active);

        String deltaType = plan.withAudio() ? "response.audio_transcript.delta" : "response.text.delta";
        for (String piece : pieces(plan.text())) {
            ObjectNode delta = partEvent(deltaType).put("delta", piece);
            outbox.send(delta, 0, () -> sending(() -> spoken.append(piece)));
            faultAfter(deltaType);
        }
        if (plan.withAudio()) {
            outbox.send(session.event("output_audio_buffer.started").put("response_id", id), 0, this::active);
            streamAudio();
            outbox.send(partEvent("response.audio.done"), 0, this::active);
            outbox.send(session.event("output_audio_buffer.stopped").put("response_id", id), 0, this::active);
        }
        ObjectNode textDone = partEvent(plan.withAudio() ? "response.audio_transcript.done" : "response.text.done")
                .put(plan.withAudio() ? "transcript" : "text", plan.text());
        outbox.send(textDone, 0, this::active);
        ObjectNode partDone = partEvent("response.content_part.done");
        partDone.set("part", part(plan.text()));
        outbox.send(partDone, 0, this::active);
        ObjectNode itemDone = session.event("response.output_item.done");
        itemDone.put("response_id", id).put("output_index", 0);
        itemDone.set("item", finalItem("completed", plan.text()));
        outbox.send(itemDone, 0, this::active);
        finish(State.DONE, "completed", null, plan.text());
    }

    /** A function call instead of speech: the item, its arguments streamed, then done. */
    private void call(ToolCalls.Call call) {
        String callId = "call_" + itemId;
        session.calledFunction(itemId, callId, call.name());
        ObjectNode item = Json.object().put("id", itemId).put("object", "realtime.item").put("type", "function_call")
                .put("status", "in_progress").put("name", call.name()).put("call_id", callId).put("arguments", "");
        ObjectNode added = session.event("response.output_item.added").put("response_id", id).put("output_index", 0);
        added.set("item", item.deepCopy());
        outbox.send(added, 0, this::active);
        ObjectNode itemCreated = session.event("conversation.item.created").put("previous_item_id", previousItemId);
        itemCreated.set("item", item.deepCopy());
        outbox.send(itemCreated, 0, this::active);
        String arguments = call.arguments();
        for (int i = 0; i < arguments.length(); i += 16) {
            outbox.send(session.event("response.function_call_arguments.delta").put("response_id", id).put("item_id", itemId)
                    .put("output_index", 0).put("call_id", callId).put("delta", arguments.substring(i, Math.min(arguments.length(), i + 16))), 0, this::active);
        }
        outbox.send(session.event("response.function_call_arguments.done").put("response_id", id).put("item_id", itemId)
                .put("output_index", 0).put("call_id", callId).put("name", call.name()).put("arguments", arguments), 0, this::active);
        ObjectNode done = item.deepCopy().put("status", "completed").put("arguments", arguments);
        ObjectNode itemDone = session.event("response.output_item.done").put("response_id", id).put("output_index", 0);
        itemDone.set("item", done);
        outbox.send(itemDone, 0, this::active);
        endWithOutput(done);
    }

    /**
     * An MCP tool call: an approval request when the server requires one and the client has not approved; otherwise
     * the {@code mcp_call} item, its arguments, {@code in_progress}, the call over MCP, then {@code completed} (or
     * {@code failed}) and the item with its output. The model then speaks the output in a response of its own.
     */
    private void callMcp(ToolCalls.Call call) {
        McpTools.Server server = session.mcp().server(call.name()).orElseThrow();
        if (server.needsApproval() && !call.approved()) {
            ObjectNode request = Json.object().put("id", itemId).put("type", "mcp_approval_request").put("server_label", server.label())
                    .put("name", call.name()).put("arguments", call.arguments());
            session.mcp().awaitApproval(itemId, call);
            ObjectNode added = session.event("response.output_item.added").put("response_id", id).put("output_index", 0);
            added.set("item", request.deepCopy());
            outbox.send(added, 0, this::active);
            ObjectNode itemDone = session.event("response.output_item.done").put("response_id", id).put("output_index", 0);
            itemDone.set("item", request.deepCopy());
            outbox.send(itemDone, 0, this::active);
            endWithOutput(request);
            return;
        }
        ObjectNode item = Json.object().put("id", itemId).put("type", "mcp_call").put("server_label", server.label()).put("name", call.name())
                .put("arguments", "").putNull("output").putNull("error");
        ObjectNode added = session.event("response.output_item.added").put("response_id", id).put("output_index", 0);
        added.set("item", item.deepCopy());
        outbox.send(added, 0, this::active);
        String arguments = call.arguments();
        for (int i = 0; i < arguments.length(); i += 16) {
            outbox.send(session.event("response.mcp_call_arguments.delta").put("response_id", id).put("item_id", itemId).put("output_index", 0)
                    .put("delta", arguments.substring(i, Math.min(arguments.length(), i + 16))), 0, this::active);
        }
        outbox.send(session.event("response.mcp_call_arguments.done").put("response_id", id).put("item_id", itemId).put("output_index", 0)
                .put("arguments", arguments), 0, this::active);
        outbox.send(session.event("response.mcp_call.in_progress").put("item_id", itemId).put("output_index", 0), 0, this::active);
        outbox.then(() -> {
            if (active()) { // the call runs off the outbox's shared scheduler, so a slow MCP server holds no one else up
                java.util.concurrent.CompletableFuture.runAsync(() -> completeMcp(server, call, item));
            }
        });
    }

    private void completeMcp(McpTools.Server server, ToolCalls.Call call, ObjectNode item) {
        ObjectNode done = item.deepCopy().put("arguments", call.arguments());
        String output = null;
        try {
            output = server.client().callTool(call.name(), call.arguments());
            done.put("output", output);
            outbox.send(session.event("response.mcp_call.completed").put("item_id", itemId).put("output_index", 0));
        } catch (McpClient.McpFailure failure) {
            done.putObject("error").put("type", "mcp_tool_execution_error").put("message", failure.getMessage());
            outbox.send(session.event("response.mcp_call.failed").put("item_id", itemId).put("output_index", 0));
        }
        ObjectNode itemDone = session.event("response.output_item.done").put("response_id", id).put("output_index", 0);
        itemDone.set("item", done);
        outbox.send(itemDone);
        endWithOutput(done);
        if (output != null) {
            String spoken = output;
            outbox.then(() -> session.toolAnswered(call.name(), spoken));
        }
    }

    /** {@code response.done} (completed) whose output is the one item given, then the end of the response. */
    private void endWithOutput(ObjectNode item) {
        ObjectNode responseDone = session.event("response.done");
        ArrayNode output = Json.MAPPER.createArrayNode();
        output.add(item);
        responseDone.set("response", response("completed", null, output, Json.object().put("total_tokens", plan.inputTokens())
                .put("input_tokens", plan.inputTokens()).put("output_tokens", 0)));
        outbox.send(responseDone, 0, () -> state.compareAndSet(State.ACTIVE, State.DONE));
        endWhenDone();
    }

    /** Once the queued {@code response.done} went out (the state then reads DONE), the response is over. */
    private void endWhenDone() {
        outbox.then(() -> {
            if (state.get() == State.DONE) {
                onEnd.accept(this);
            }
        });
    }

    /** {@code response.cancel} or barge-in: returns false when the response had already finished. */
    boolean cancel(String reason) {
        if (!state.compareAndSet(State.ACTIVE, State.CANCELLED)) {
            return false;
        }
        outbox.then(() -> endIncomplete("cancelled", Json.object().put("type", "cancelled").put("reason", reason)));
        return true;
    }

    /** A response cut short: its item done as incomplete with what was spoken, {@code response.done} with the reason. */
    private void endIncomplete(String status, ObjectNode details) {
        String partial = spoken.toString();
        ObjectNode itemDone = session.event("response.output_item.done");
        itemDone.put("response_id", id).put("output_index", 0);
        itemDone.set("item", finalItem("incomplete", partial));
        outbox.send(itemDone);
        sendDone(status, details, partial);
        onEnd.accept(this);
    }

    /**
     * Sends the armed fault's event right after the first event of its type; a failing fault then ends the response
     * as {@code failed}, dropping what was still queued, as the service does.
     */
    private void faultAfter(String type) {
        if (fault.isEmpty() || faultQueued || !fault.get().after().equals(type)) {
            return;
        }
        faultQueued = true;
        ResponseFault f = fault.get();
        if (f.event() != null) {
            ObjectNode event = f.event().deepCopy();
            event.put("event_id", session.id("event"));
            outbox.send(event, 0, this::active);
        }
        if (f.failsResponse()) {
            outbox.then(() -> fail(f));
        } else if (f.closesSocket() || f.stalls()) {
            outbox.then(() -> {
                if (state.compareAndSet(State.ACTIVE, State.FAILED)) { // what was still queued is dropped
                    onEnd.accept(this);
                    if (f.closesSocket()) {
                        outbox.hangUp(f.closeCode(), f.closeReason());
                    }
                }
            });
        }
    }

    private void fail(ResponseFault f) {
        if (!state.compareAndSet(State.ACTIVE, State.FAILED)) {
            return;
        }
        ObjectNode details = Json.object().put("type", "failed");
        details.set("error", f.error());
        endIncomplete("failed", details);
    }

    private void streamAudio() {
        for (EncodedAudio.Delta piece : EncodedAudio.deltas(plan.audio(), Pcm16.BYTES_PER_MS * pacing.audioChunkMs())) {
            ObjectNode delta = partEvent("response.audio.delta").put("delta", piece.base64());
            outbox.send(delta, pacing.beforeAudio(piece.millis()), this::active);
            faultAfter("response.audio.delta");
        }
    }

    private void finish(State expected, String status, ObjectNode details, String transcript) {
        ObjectNode done = doneEvent(status, details, transcript);
        // the guard flips ACTIVE -> DONE at the moment response.done goes out, so a late cancel sees it finished
        outbox.send(done, 0, () -> state.compareAndSet(State.ACTIVE, expected));
        endWhenDone();
        ObjectNode limits = session.event("rate_limits.updated");
        ArrayNode list = limits.putArray("rate_limits");
        list.addObject().put("name", "tokens").put("limit", 100000).put("remaining", 100000 - tokens(transcript) - plan.inputTokens()).put("reset_seconds", 1.2);
        outbox.send(limits, 0, () -> state.get() == State.DONE);
    }

    private void sendDone(String status, ObjectNode details, String transcript) {
        outbox.send(doneEvent(status, details, transcript));
    }

    private ObjectNode doneEvent(String status, ObjectNode details, String transcript) {
        ObjectNode done = session.event("response.done");
        ArrayNode output = Json.MAPPER.createArrayNode();
        output.add(finalItem(status.equals("completed") ? "completed" : "incomplete", transcript));
        ObjectNode usage = Json.object();
        int out = tokens(transcript);
        usage.put("total_tokens", plan.inputTokens() + out).put("input_tokens", plan.inputTokens()).put("output_tokens", out);
        usage.putObject("input_token_details").put("cached_tokens", 0).put("text_tokens", plan.inputTokens()).put("audio_tokens", 0);
        usage.putObject("output_token_details").put("text_tokens", out).put("audio_tokens", plan.withAudio() ? out : 0);
        done.set("response", response(status, details, output, usage));
        return done;
    }

    private boolean sending(Runnable alsoDo) {
        if (!active()) {
            return false;
        }
        alsoDo.run();
        return true;
    }

    private ObjectNode response(String status, ObjectNode details, ArrayNode output, ObjectNode usage) {
        ObjectNode response = Json.object();
        response.put("object", "realtime.response");
        response.put("id", id);
        response.put("status", status);
        response.set("status_details", details);
        response.set("output", output);
        response.set("usage", usage);
        response.put("conversation_id", session.conversationId());
        ArrayNode modalities = response.putArray("modalities");
        plan.modalities().forEach(modalities::add);
        response.set("voice", plan.voice());
        response.put("output_audio_format", "pcm16");
        response.put("temperature", 0.8);
        response.put("max_output_tokens", "inf");
        return response;
    }

    private ObjectNode item(String status, ArrayNode content) {
        ObjectNode item = Json.object();
        item.put("id", itemId);
        item.put("object", "realtime.item");
        item.put("type", "message");
        item.put("status", status);
        item.put("role", "assistant");
        item.set("content", content);
        return item;
    }

    private ObjectNode finalItem(String status, String transcript) {
        ArrayNode content = Json.MAPPER.createArrayNode();
        content.add(part(transcript));
        return item(status, content);
    }

    private ObjectNode part(String text) {
        return plan.withAudio() ? Json.object().put("type", "audio").put("transcript", text)
                : Json.object().put("type", "text").put("text", text);
    }

    private ObjectNode partEvent(String type) {
        return session.event(type).put("response_id", id).put("item_id", itemId).put("output_index", 0).put("content_index", 0);
    }

    /** The text in about four deltas, split on word boundaries, each keeping its trailing space. */
    static List<String> pieces(String text) {
        String[] words = text.split("(?<= )");
        int per = Math.max(1, (int) Math.ceil(words.length / 4.0));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.length; i += per) {
            out.add(String.join("", Arrays.copyOfRange(words, i, Math.min(words.length, i + per))));
        }
        return out;
    }

    static int tokens(String text) {
        return text == null || text.isBlank() ? 0 : text.trim().split("\\s+").length;
    }

    /** For logs: the content of the finished assistant turn. */
    String text() {
        return state.get() == State.CANCELLED || state.get() == State.FAILED ? spoken.toString() : plan.text();
    }
}
