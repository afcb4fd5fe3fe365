package dev.engram.harness.report;

import dev.engram.support.Json;
import io.cucumber.tagexpressions.Expression;
import io.cucumber.tagexpressions.TagExpressionParser;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/**
 * Which scenarios of a run may overlap. Each scenario holds, while it runs, every resource whose tag expression its
 * tags match ({@code harness/exclusive-resources.json}); a resource has one holder at a time, in arrival order. A
 * scenario that holds none of another's resources may run beside it: that is the whole of the gate's parallelism.
 */
public final class ExclusiveResources {
    /** A resource, the scenarios that hold it, whether its scenarios form a lane of their own, and why. */
    public record Rule(String resource, String tags, boolean lane, String why) {
        boolean matches(Collection<String> scenarioTags) {
            return EXPRESSIONS.get(tags).evaluate(List.copyOf(scenarioTags));
        }
    }

    /** The resources a scenario holds; closing gives them back, last taken first. */
    public static final class Held implements AutoCloseable {
        private final List<Semaphore> taken = new ArrayList<>();

        @Override
        public void close() {
            for (int i = taken.size() - 1; i >= 0; i--) {
                taken.remove(i).release();
            }
        }
    }

    public static final List<Rule> RULES = List.of(Json.resource("harness/exclusive-resources.json", Rule[].class));
    /** Each rule's tag expression, parsed once. */
    private static final Map<String, Expression> EXPRESSIONS = RULES.stream()
            .collect(Collectors.toMap(Rule::tags, rule -> TagExpressionParser.parse(rule.tags()), (a, b) -> a));

    private final Map<String, Semaphore> locks = new TreeMap<>();

    public ExclusiveResources() {
        RULES.forEach(rule -> locks.put(rule.resource(), new Semaphore(1, true)));
    }

    /** The resources a scenario with these tags holds, in the order they are taken (by name, so no two scenarios deadlock). */
    public static List<String> needs(Collection<String> tags) {
        return RULES.stream().filter(rule -> rule.matches(tags)).map(Rule::resource).sorted().distinct().toList();
    }

    /** Whether a scenario with these tags queues in a lane of its own (see {@link FeatureRun}). */
    public static boolean inLane(Collection<String> tags) {
        return RULES.stream().anyMatch(rule -> rule.lane() && rule.matches(tags));
    }

    /** Waits for every resource the tags name; on interruption, gives back what it took and says so. */
    public Held acquire(Collection<String> tags) throws InterruptedException {
        Held held = new Held();
        try {
            for (String resource : needs(tags)) {
                Semaphore lock = locks.get(resource);
                lock.acquire();
                held.taken.add(lock);
            }
        } catch (InterruptedException e) {
            held.close();
            throw e;
        }
        return held;
    }
}
