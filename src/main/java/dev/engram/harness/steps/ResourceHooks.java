package dev.engram.harness.steps;

import dev.engram.harness.report.ExclusiveResources;
import dev.engram.harness.stack.RunWorld;
import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;

/** Takes the scenario's exclusive resources before any other hook, and gives them back after every other hook. */
public final class ResourceHooks {
    /** How reports recognise the wait for resources, which is no part of a scenario's own duration. */
    public static final String WAIT = ResourceHooks.class.getName() + ".waitForResources";

    private final RunWorld world;
    private ExclusiveResources.Held held;

    public ResourceHooks(RunWorld world) {
        this.world = world;
    }

    @Before(order = Integer.MIN_VALUE)
    public void waitForResources(Scenario scenario) throws InterruptedException {
        held = world.resources().acquire(scenario.getSourceTagNames());
    }

    @After(order = Integer.MIN_VALUE)
    public void giveBack() {
        if (held != null) {
            held.close();
        }
    }
}
