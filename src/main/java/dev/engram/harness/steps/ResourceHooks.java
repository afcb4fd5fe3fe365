package dev.engram.harness.steps;

import dev.engram.harness.report.ExclusiveResources;
import dev.engram.harness.stack.RunWorld;
import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;

/** Takes the scenario's exclusive resources before any other hook, and gives them back after every other hook. */
public final class ResourceHooks {
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
