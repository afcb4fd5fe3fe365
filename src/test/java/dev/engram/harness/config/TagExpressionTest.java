package dev.engram.harness.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cucumber.tagexpressions.Expression;
import io.cucumber.tagexpressions.TagExpressionParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate's tag expression, written in JUnit's syntax, selects the same scenarios once turned into Cucumber's. */
class TagExpressionTest {
    @Test
    void aUserTagInEitherSyntaxBecomesOneCucumberExpression() {
        assertEquals("@a and not @b or @c", Environments.toCucumber("a & !b | c"));
        assertEquals("(@uat:voice-2 or @uat:chat-1)", Environments.toCucumber("(" + Environments.fromCucumber("@uat:voice-2 or @uat:chat-1") + ")"));
    }

    @Test
    void theLocalGateSelectsLocalScenariosAndLeavesOutOtherEnvironmentsAndTheGuidesSuite() {
        Target local = new Target("local", Endpoints.deployed("http://127.0.0.1:9", "http://127.0.0.1:10"),
                new BackendUnderTest("reference", "in-JVM"), java.util.Optional.empty());
        Expression gate = TagExpressionParser.parse(Environments.toCucumber(Environments.tagExpression("local", local, null)));
        assertTrue(gate.evaluate(List.of("@sop:5.5", "@uat:voice-2")));
        assertTrue(gate.evaluate(List.of("@env:local")));
        assertTrue(!gate.evaluate(List.of("@env:prod")), "a prod-only scenario");
        assertTrue(!gate.evaluate(List.of("@connectivity")), "the guide's suite runs when asked for");
    }
}
