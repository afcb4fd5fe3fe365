package dev.engram.simulator.voicelive;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.support.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** When a response is a function call instead of speech, from {@code simulator/data/voicelive/tools.json}. */
final class ToolCalls {
    record Rule(String when, String call, Map<String, String> arguments) {}

    record Data(List<Rule> calls, @JsonProperty("after_output") String afterOutput) {}

    /**
     * A call the model makes: the tool's name and its arguments as the JSON text the service streams; {@code mcp} when
     * an MCP server offers the tool, {@code approved} once the client approved it.
     */
    record Call(String name, String arguments, boolean mcp, boolean approved) {
        Call approve() {
            return new Call(name, arguments, mcp, true);
        }
    }

    private static final Data DATA = Json.resource("simulator/voicelive/tools.json", Data.class);

    private ToolCalls() {}

    /** The call the user's words ask for, when the session declares a function tool of that name or an MCP server offers it. */
    static Optional<Call> match(String question, JsonNode sessionTools, java.util.function.Predicate<String> mcpOffers) {
        for (Rule rule : DATA.calls()) {
            Matcher m = Pattern.compile(rule.when()).matcher(question);
            boolean mcp = mcpOffers.test(rule.call());
            if (m.find() && (mcp || declares(sessionTools, rule.call()))) {
                ObjectNode arguments = Json.object();
                rule.arguments().forEach((name, template) -> arguments.put(name, m.groupCount() >= 1 ? template.replace("{1}", m.group(1)) : template));
                return Optional.of(new Call(rule.call(), Json.write(arguments), mcp, false));
            }
        }
        return Optional.empty();
    }

    /** What the model says once the client has added the tool's output. */
    static String afterOutput(String name, String output) {
        return DATA.afterOutput().replace("{name}", name).replace("{output}", output);
    }

    private static boolean declares(JsonNode tools, String name) {
        for (JsonNode tool : tools) {
            if ("function".equals(tool.path("type").asText()) && name.equals(tool.path("name").asText())) {
                return true;
            }
        }
        return false;
    }
}
