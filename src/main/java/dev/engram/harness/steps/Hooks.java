package dev.engram.harness.steps;

import dev.engram.harness.stack.RunWorld;
import dev.engram.harness.state.ScenarioContext;
import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.ParameterType;
import io.cucumber.java.Scenario;

/** Scenario set-up and tear-down, and the parameter types the step expressions share. */
public final class Hooks {
    private final ScenarioContext context;
    private final RunWorld world;

    public Hooks(ScenarioContext context, RunWorld world) {
        this.world = world;
        this.context = context;
    }

    @Before(order = 0)
    public void begin(Scenario scenario) {
        context.begin(scenario);
    }

    /** Simulator faults and pacing never leak into the next scenario. */
    @After("@simulated")
    public void clearFaults() {
        world.simulators().reset();
    }

    /** An agent id as the features name it; the backend under test says whether it knows it (GET /api/v1/agents). */
    @ParameterType("[a-z][a-z0-9_-]*")
    public String agent(String id) {
        return id;
    }

    @ParameterType("GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS")
    public String method(String method) {
        return method;
    }
}
