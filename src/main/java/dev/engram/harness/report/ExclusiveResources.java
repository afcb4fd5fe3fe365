package dev.engram.harness.report;

import dev.engram.support.Json;
import io.cucumber.tagexpressions.Expression;
import io.cucumber.tagexpressions.TagExpressionParser;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which scenarios of a run may overlap. Each scenario holds, while it runs, every resource whose tag expression its
 * tags match ({@code harness/exclusive-resources.json}); a resource has one holder at a time. A scenario that holds
 * none of another's resources may run beside it: that is the whole of the gate's parallelism.
 *
 * <p>A scenario takes all its resources at once or none: one that needs the browser and the stack never holds the
 * browser while it waits for the stack, so the browser lane does not stop behind the stack's queue. Waiting scenarios
 * are served in arrival order, each as soon as everything it needs is free.
 */
public final class ExclusiveResources {
    /** A resource, the scenarios that hold it, whether its scenarios form a lane of their own, and why. */
    public record Rule(String resource, String tags, boolean lane, String why) {
        boolean matches(Collection<String> scenarioTags) {
            return EXPRESSIONS.get(tags).evaluate(List.copyOf(scenarioTags));
        }
    }

    /** The resources a scenario holds; closing gives them back. */
    public static final class Held implements AutoCloseable {
        private final ExclusiveResources owner;
        private final List<String> resources;
        private boolean open = true;

        private Held(ExclusiveResources owner, List<String> resources) {
            this.owner = owner;
            this.resources = resources;
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                owner.release(resources);
            }
        }
    }

    /** A scenario waiting for its resources; {@code granted} once it holds them all. */
    private static final class Waiter {
        final List<String> needs;
        boolean granted;

        Waiter(List<String> needs) {
            this.needs = needs;
        }
    }

    public static final List<Rule> RULES = List.of(Json.resource("harness/exclusive-resources.json", Rule[].class));
    /** Each rule's tag expression, parsed once. */
    private static final Map<String, Expression> EXPRESSIONS = RULES.stream()
            .collect(Collectors.toMap(Rule::tags, rule -> TagExpressionParser.parse(rule.tags()), (a, b) -> a));

    private final Set<String> busy = new HashSet<>();
    private final List<Waiter> waiting = new ArrayList<>(); // in arrival order

    /** The resources a scenario with these tags holds, by name. */
    public static List<String> needs(Collection<String> tags) {
        return RULES.stream().filter(rule -> rule.matches(tags)).map(Rule::resource).sorted().distinct().toList();
    }

    /** Whether a scenario with these tags queues in a lane of its own (see {@link FeatureRun}). */
    public static boolean inLane(Collection<String> tags) {
        return RULES.stream().anyMatch(rule -> rule.lane() && rule.matches(tags));
    }

    /** Waits until every resource the tags name is free, then takes them all; an interrupted wait takes none. */
    public synchronized Held acquire(Collection<String> tags) throws InterruptedException {
        Waiter me = new Waiter(needs(tags));
        waiting.add(me);
        grant();
        try {
            while (!me.granted) {
                wait();
            }
        } catch (InterruptedException e) {
            waiting.remove(me);
            if (me.granted) {
                release(me.needs);
            }
            throw e;
        }
        return new Held(this, me.needs);
    }

    private synchronized void release(List<String> resources) {
        resources.forEach(busy::remove);
        grant();
    }

    /** Serves the waiting scenarios in arrival order: each whose resources are all free takes them. */
    private void grant() {
        boolean any = false;
        for (Iterator<Waiter> each = waiting.iterator(); each.hasNext(); ) {
            Waiter waiter = each.next();
            if (waiter.needs.stream().noneMatch(busy::contains)) {
                busy.addAll(waiter.needs);
                waiter.granted = true;
                each.remove();
                any = true;
            }
        }
        if (any) {
            notifyAll();
        }
    }
}
