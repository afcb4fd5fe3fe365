package dev.engram.harness.report;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.TestCaseFinished;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cucumber plugin: one console line per finished scenario, with a running count, its verdict, its name and how long
 * it took, so a gate is never silent while it works, out of the number of scenarios the run will execute.
 */
public final class ProgressPlugin implements ConcurrentEventListener {
    private final int total;
    private final AtomicInteger done = new AtomicInteger();
    private final ResourceWaits waits = new ResourceWaits();

    public ProgressPlugin(int total) {
        this.total = total;
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        waits.listen(publisher);
        publisher.registerHandlerFor(TestCaseFinished.class, this::finished);
    }

    private void finished(TestCaseFinished event) {
        ScenarioResult result = ResultsPlugin.toResult(event.getTestCase(), event.getResult(), waits.own(event));
        int width = String.valueOf(total).length();
        System.out.println(String.format(Locale.ROOT, "[%" + width + "d/%d] %-10s %s (%.1f s)", done.incrementAndGet(), total,
                result.verdict(), result.name(), result.durationMs() / 1000.0));
        System.out.flush();
    }
}
