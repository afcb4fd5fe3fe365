package dev.engram.harness.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.harness.config.BackendUnderTest;
import dev.engram.harness.config.Endpoints;
import dev.engram.harness.config.Target;
import dev.engram.harness.stack.RunWorld;
import dev.engram.harness.state.ScenarioContext;
import dev.engram.harness.state.WebState;
import dev.engram.support.LoopbackServer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The accessibility scan runs axe-core on every route, loaded one after another in one tab, and reports each route's own violations. */
class AccessibilityScanTest {
    private static final String GOOD = "<!doctype html><html lang=\"en\"><head><title>Good</title></head><body><main><h1>Fine</h1>"
            + "<img src=\"/logo.png\" alt=\"Engram\"></main></body></html>";
    private static final String BAD = "<!doctype html><html><head><title>Bad</title></head><body><main><h1>Missing</h1>"
            + "<img src=\"/logo.png\"></main></body></html>";

    @Test
    void eachRoutesViolationsAreItsOwn() {
        try (LoopbackServer site = LoopbackServer.start("pages", config -> {
                config.routes.get("/good", ctx -> ctx.html(GOOD));
                config.routes.get("/bad", ctx -> ctx.html(BAD));
                config.routes.get("/logo.png", ctx -> ctx.status(404));
            });
             RunWorld world = new RunWorld(new Target("local", Endpoints.deployed(site.url(), site.url()), BackendUnderTest.deployed(site.url()),
                     Optional.empty()), null, null);
             WebState web = new WebState(new ScenarioContext(world), world)) {
            SpaPage.AccessibilityScan scan = new SpaPage(web, site.url()).scan(List.of("/good", "/bad", "/good"));
            assertEquals(List.of("/bad html-has-lang", "/bad image-alt"), scan.serious().stream().sorted().toList(), scan.report());
            assertTrue(scan.report().contains("/bad: image-alt (critical)"), scan.report());
        }
    }
}
