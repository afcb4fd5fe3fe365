package dev.engram.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.engram.harness.config.BackendUnderTest;
import dev.engram.harness.config.Endpoints;
import dev.engram.harness.config.Target;
import dev.engram.harness.stack.RunWorld;
import dev.engram.harness.state.ScenarioContext;
import dev.engram.harness.steps.ChatSteps;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each scenario gets fresh steps and state; every scenario of a run gets that run's world, and only that run's. */
class RunObjectFactoryTest {
    private static RunWorld world(String api) {
        return new RunWorld(new Target("local", Endpoints.deployed(api, null), BackendUnderTest.deployed(api), Optional.empty()), null, null);
    }

    @Test
    void scenariosShareTheRunsWorldAndNothingElse() {
        RunWorld first = world("http://127.0.0.1:9");
        RunObjectFactory factory = new RunObjectFactory(first);
        factory.addClass(ChatSteps.class);
        factory.start();
        ScenarioContext one = factory.getInstance(ScenarioContext.class);
        assertSame(one, factory.getInstance(ScenarioContext.class), "one scenario, one context");
        factory.getInstance(ChatSteps.class);
        factory.stop();
        factory.start();
        ScenarioContext two = factory.getInstance(ScenarioContext.class);
        assertNotSame(one, two, "the next scenario gets a fresh context");
        assertSame(first.target(), two.target(), "and the same run's target");
        factory.stop();

        RunObjectFactory other = new RunObjectFactory(world("http://127.0.0.1:10"));
        other.addClass(ChatSteps.class);
        other.start();
        assertEquals("http://127.0.0.1:10", other.getInstance(ScenarioContext.class).target().api(), "another run sees its own target");
        other.stop();
    }
}
