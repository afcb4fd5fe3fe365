package dev.engram.simulator.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.simulator.model.AnswerBook;
import dev.engram.simulator.support.Admin;
import dev.engram.simulator.support.Delays;
import dev.engram.simulator.support.Fault;
import dev.engram.simulator.support.FaultSwitch;
import dev.engram.simulator.support.Journal;
import dev.engram.support.Ids;
import dev.engram.support.Json;
import dev.engram.support.LoopbackServer;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An OpenAI-compatible chat gateway as Azure API Management fronts it: {@code POST …/openai/v1/chat/completions}
 * and {@code POST …/openai/deployments/{deployment}/chat/completions}, keyed by {@code api-key} or
 * {@code Ocp-Apim-Subscription-Key}, answering from {@link AnswerBook}.
 */
public final class GatewaySimulator implements AutoCloseable {
    /** One call the gateway served; the key itself is never recorded, only whether it was accepted. */
    /** {@code earlierUserTurns}: what the model could read of the user's earlier turns in this request. */
    public record Call(String path, String model, String systemPrompt, String question, int status, String ruleId, List<String> earlierUserTurns) {}

    public static final String BASE_PATH = "/engram/openai/v1";
    private static final java.util.regex.Pattern DEPLOYMENT_PATH = java.util.regex.Pattern.compile("/openai/deployments/([^/]+)/chat/completions$");

    private final String apiKey;
    private final String deployment;
    private final AnswerBook book = AnswerBook.load();
    private final FaultSwitch faults = new FaultSwitch();
    private final Journal<Call> journal = new Journal<>();
    private final LoopbackServer server;

    private GatewaySimulator(String apiKey, String deployment, int port) {
        this.apiKey = apiKey;
        this.deployment = deployment;
        this.server = LoopbackServer.start("gateway simulator", port, config -> {
            Admin.routes(config, faults, journal);
            config.routes.post("/*", this::complete);
        });
    }

    public static GatewaySimulator start(String apiKey, String deployment) {
        return new GatewaySimulator(apiKey, deployment, 0);
    }

    /** The value for {@code AZURE_AI_ENDPOINT}: an APIM-style path ending in {@code /openai/v1}. */
    public String endpoint() {
        return server.url() + BASE_PATH;
    }

    public String deployment() {
        return deployment;
    }

    public FaultSwitch faults() {
        return faults;
    }

    public Journal<Call> journal() {
        return journal;
    }

    private void complete(Context ctx) {
        String path = ctx.path();
        String pathDeployment = deploymentInPath(path);
        if (!path.endsWith("/openai/v1/chat/completions") && pathDeployment == null) {
            ctx.status(404).json(Map.of("statusCode", 404, "message", "Resource not found"));
            return;
        }
        String presented = ctx.header("api-key") != null ? ctx.header("api-key") : ctx.header("Ocp-Apim-Subscription-Key");
        if (presented == null || presented.isBlank()) {
            reject(ctx, path, 401, "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.");
            return;
        }
        if (!presented.equals(apiKey)) {
            reject(ctx, path, 401, "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.");
            return;
        }
        JsonNode body;
        try {
            body = Json.parse(ctx.body());
        } catch (Exception e) {
            invalidRequest(ctx, path, "body", "We could not parse the JSON body of your request.");
            return;
        }
        String model = pathDeployment != null ? pathDeployment : body.path("model").asText(null);
        if (model == null) {
            invalidRequest(ctx, path, "model", "you must provide a model parameter");
            return;
        }
        if (!model.equals(deployment)) {
            journal.add(new Call(path, model, null, null, 404, null, List.of()));
            ctx.status(404).json(openAiError("DeploymentNotFound",
                    "The API deployment for this resource does not exist.", null));
            return;
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            invalidRequest(ctx, path, "messages", "'messages' must be a non-empty array");
            return;
        }
        Conversation conversation = Conversation.of((ArrayNode) messages);
        if (conversation.question() == null) {
            invalidRequest(ctx, path, "messages", "the last message must have role 'user' and text content");
            return;
        }
        Fault fault = faults.take().orElse(null);
        if (fault != null && fault.replacesAnswer()) {
            Delays.after(ctx, fault.delay(), () -> failWith(ctx, path, model, conversation, fault));
            return;
        }
        AnswerBook.Answer answer = book.answer(conversation.context(), conversation.question());
        journal.add(new Call(path, model, conversation.system(), conversation.question(), 200, answer.ruleId(), book.userTurnsIn(conversation.context())));
        long delay = fault == null ? 0 : fault.delay();
        Delays.after(ctx, delay, () -> ctx.json(completion(model, conversation, answer.text())));
    }

    private void failWith(Context ctx, String path, String model, Conversation conversation, Fault fault) {
        journal.add(new Call(path, model, conversation.system(), conversation.question(), fault.status(), "fault", book.userTurnsIn(conversation.context())));
        if (fault.retryAfterSeconds() != null) {
            ctx.header("Retry-After", String.valueOf(fault.retryAfterSeconds()));
        }
        if (fault.retryAfterMs() != null) {
            ctx.header("retry-after-ms", String.valueOf(fault.retryAfterMs()));
        }
        String code = fault.status() == 429 ? "429" : "server_error";
        ctx.status(fault.status()).json(openAiError(code, fault.message(), null));
    }

    private static String deploymentInPath(String path) {
        var m = DEPLOYMENT_PATH.matcher(path);
        return m.find() ? m.group(1) : null;
    }

    private void reject(Context ctx, String path, int status, String message) {
        journal.add(new Call(path, null, null, null, status, null, List.of()));
        ctx.status(status).json(Map.of("statusCode", status, "message", message));
    }

    private void invalidRequest(Context ctx, String path, String param, String message) {
        journal.add(new Call(path, null, null, null, 400, null, List.of()));
        ctx.status(400).json(openAiError(null, message, param));
    }

    private static ObjectNode openAiError(String code, String message, String param) {
        ObjectNode error = Json.object();
        error.put("message", message);
        error.put("type", param != null ? "invalid_request_error" : "api_error");
        error.put("param", param);
        error.put("code", code);
        ObjectNode root = Json.object();
        root.set("error", error);
        return root;
    }

    private static ObjectNode completion(String model, Conversation conversation, String text) {
        int promptTokens = Conversation.tokens(conversation.context()) + Conversation.tokens(conversation.question());
        int completionTokens = Conversation.tokens(text);
        ObjectNode root = Json.object();
        root.put("id", "chatcmpl-" + Ids.uuid().toString().replace("-", "").substring(0, 24));
        root.put("object", "chat.completion");
        root.put("created", Instant.now().getEpochSecond());
        root.put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", text);
        choice.put("finish_reason", "stop");
        root.putObject("usage")
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return root;
    }

    @Override
    public void close() {
        server.close();
    }
}
