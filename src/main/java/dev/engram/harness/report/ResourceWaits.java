package dev.engram.harness.report;

import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.HookTestStep;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestStepFinished;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long each scenario waited for its exclusive resources, so the duration a report gives is the scenario's own.
 * Cucumber's html report still shows the wait, as the {@code waitForResources} hook.
 */
final class ResourceWaits {
    /** The hook that waits: {@code steps.ResourceHooks.waitForResources}, named here so that reports need no step code. */
    static final String WAIT_HOOK = "dev.engram.harness.steps.ResourceHooks.waitForResources";

    private final Map<UUID, Duration> waits = new ConcurrentHashMap<>();

    void listen(EventPublisher publisher) {
        publisher.registerHandlerFor(TestStepFinished.class, this::stepFinished);
    }

    private void stepFinished(TestStepFinished event) {
        if (event.getTestStep() instanceof HookTestStep && event.getTestStep().getCodeLocation().startsWith(WAIT_HOOK)) {
            waits.put(event.getTestCase().getId(), event.getResult().getDuration());
        }
    }

    /** The scenario's duration without its wait for resources. */
    Duration own(TestCaseFinished event) {
        Duration waited = waits.remove(event.getTestCase().getId());
        return waited == null ? event.getResult().getDuration() : event.getResult().getDuration().minus(waited);
    }
}
