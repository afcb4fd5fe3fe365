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
import java.util.concurrent.CountDownLatch;
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
    void anInterruptedWaitGivesBackWhatItTook() throws Exception {
        ExclusiveResources resources = new ExclusiveResources();
        ExclusiveResources.Held chat = resources.acquire(Set.of("@chat"));
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Throwable> browserChat = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            waiting.countDown();
            try {
                resources.acquire(Set.of("@web", "@chat")).close();
                browserChat.complete(null);
            } catch (InterruptedException e) {
                browserChat.complete(e);
            }
        });
        thread.start();
        assertTrue(waiting.await(5, TimeUnit.SECONDS));
        Future<ExclusiveResources.Held> browser = threads.submit(() -> resources.acquire(Set.of("@web")));
        assertNotDoneWithin(browser); // the browser chat holds the browser while it waits for the stack
        thread.interrupt();
        assertInstanceOf(InterruptedException.class, browserChat.get(5, TimeUnit.SECONDS));
        browser.get(5, TimeUnit.SECONDS).close();
        chat.close();
    }

    @Test
    void laneScenariosAreQueuedFirstAndEachSideKeepsItsOrder() {
        String feature = "Feature: f\n  Scenario: a\n    Given x\n  @web\n  Scenario: b\n    Given x\n  Scenario: c\n    Given x\n"
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
