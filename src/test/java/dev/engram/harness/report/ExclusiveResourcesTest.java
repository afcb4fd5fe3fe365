package dev.engram.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cucumber.core.feature.FeatureParser;
import io.cucumber.core.gherkin.Pickle;
import io.cucumber.core.options.CommandlineOptionsParser;
import io.cucumber.core.options.RuntimeOptions;
import io.cucumber.core.resource.Resource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which scenarios may overlap, the order lanes are queued in, and that a resource has one holder at a time. */
class ExclusiveResourcesTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void browserOnlyScenariosShareNothingWithTheStackLane() {
        assertEquals(List.of("browser"), ExclusiveResources.needs(Set.of("@web", "@sop:1.1", "@smoke")));
        assertEquals(List.of("stack"), ExclusiveResources.needs(Set.of("@chat", "@sop:9.2")));
        assertEquals(List.of("browser", "stack"), ExclusiveResources.needs(Set.of("@web", "@chat")), "a browser chat goes through the stack");
        assertEquals(List.of("browser", "stack"), ExclusiveResources.needs(Set.of("@web", "@simulated")), "it resets the simulators after it");
        assertTrue(ExclusiveResources.inLane(Set.of("@web")));
        assertFalse(ExclusiveResources.inLane(Set.of("@voice")));
    }

    @Test
    void scenariosThatOnlyReadTheTargetQueueInALaneBesideTheStack() {
        assertEquals(List.of("reads"), ExclusiveResources.needs(Set.of("@sop:10.1", "@api", "@non-strict")));
        assertTrue(ExclusiveResources.inLane(Set.of("@api", "@auth")));
        assertEquals(List.of("stack"), ExclusiveResources.needs(Set.of("@api", "@chat")), "a chat reaches the gateway a fault may be set on");
        assertEquals(List.of("stack"), ExclusiveResources.needs(Set.of("@api", "@simulated", "@relaunch")));
    }

    @Test
    void aResourceHasOneHolderAndOthersRunBesideIt() throws Exception {
        ExclusiveResources resources = new ExclusiveResources();
        ExclusiveResources.Held chat = resources.acquire(Set.of("@chat"));
        Future<ExclusiveResources.Held> secondChat = threads.submit(() -> resources.acquire(Set.of("@voice")));
        ExclusiveResources.Held deepLinks = threads.submit(() -> resources.acquire(Set.of("@web"))).get(5, TimeUnit.SECONDS);
        assertNotDoneWithin(secondChat);
        chat.close();
        secondChat.get(5, TimeUnit.SECONDS).close();
        deepLinks.close();
    }

    @Test
    void aScenarioWaitingForTwoResourcesHoldsNeitherAndAnInterruptedWaitTakesNothing() throws Exception {
        ExclusiveResources resources = new ExclusiveResources();
        ExclusiveResources.Held chat = resources.acquire(Set.of("@chat"));
        CompletableFuture<Throwable> browserChat = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                resources.acquire(Set.of("@web", "@chat")).close();
                browserChat.complete(null);
            } catch (InterruptedException e) {
                browserChat.complete(e);
            }
        });
        thread.start();
        awaitWaiting(thread);
        threads.submit(() -> resources.acquire(Set.of("@web"))).get(5, TimeUnit.SECONDS).close(); // the browser chat holds no browser
        thread.interrupt();
        assertInstanceOf(InterruptedException.class, browserChat.get(5, TimeUnit.SECONDS));
        chat.close();
        threads.submit(() -> resources.acquire(Set.of("@web", "@chat"))).get(5, TimeUnit.SECONDS).close(); // nothing was left taken
    }

    @Test
    void waitingScenariosAreServedInArrivalOrder() throws Exception {
        ExclusiveResources resources = new ExclusiveResources();
        ExclusiveResources.Held chat = resources.acquire(Set.of("@chat"));
        List<String> served = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread first = waiter(resources, Set.of("@voice"), "first", served);
        awaitWaiting(first);
        Thread second = waiter(resources, Set.of("@simulated"), "second", served);
        awaitWaiting(second);
        chat.close();
        first.join(5_000);
        second.join(5_000);
        assertEquals(List.of("first", "second"), served);
    }

    private static Thread waiter(ExclusiveResources resources, Set<String> tags, String name, List<String> served) {
        Thread thread = new Thread(() -> {
            try (ExclusiveResources.Held held = resources.acquire(tags)) {
                served.add(name);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        thread.start();
        return thread;
    }

    private static void awaitWaiting(Thread thread) {
        dev.engram.support.Waits.until(thread::getState, state -> state == Thread.State.WAITING, java.time.Duration.ofSeconds(5));
    }

    @Test
    void laneScenariosAreQueuedFirstAndEachSideKeepsItsOrder() {
        String feature = "Feature: f\n  @chat\n  Scenario: a\n    Given x\n  @web\n  Scenario: b\n    Given x\n  @voice\n  Scenario: c\n    Given x\n"
                + "  @web @chat\n  Scenario: d\n    Given x\n";
        List<Pickle> pickles = new FeatureParser(UUID::randomUUID).parseResource(resource(feature)).orElseThrow().getPickles();
        RuntimeOptions options = new CommandlineOptionsParser(OutputStream.nullOutputStream()).parse("--glue", "x").build();
        List<String> order = FeatureRun.lanesFirst(options).getPickleOrder().orderPickles(pickles).stream().map(Pickle::getName).toList();
        assertEquals(List.of("b", "d", "a", "c"), order);
    }

    private static void assertNotDoneWithin(Future<?> future) throws InterruptedException, ExecutionException {
        try {
            future.get(300, TimeUnit.MILLISECONDS);
            throw new AssertionError("it should still be waiting for a held resource");
        } catch (TimeoutException expected) {
            // still waiting, as it should
        }
    }

    private static Resource resource(String text) {
        return new Resource() {
            @Override
            public URI getUri() {
                return URI.create("file:///lanes.feature");
            }

            @Override
            public InputStream getInputStream() {
                return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
            }
        };
    }
}
