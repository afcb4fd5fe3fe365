package dev.engram.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.engram.harness.steps.ResourceHooks;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** Reports name the hook that waits for resources by text (so they need no step code): the name must stay the hook's. */
class ResourceWaitsTest {
    @Test
    void theWaitHookNamedByReportsIsTheFirstHookOfEveryScenario() throws Exception {
        Method hook = ResourceHooks.class.getMethod("waitForResources", Scenario.class);
        assertEquals(ResourceWaits.WAIT_HOOK, ResourceHooks.class.getName() + "." + hook.getName());
        assertEquals(Integer.MIN_VALUE, hook.getAnnotation(Before.class).order());
    }
}
