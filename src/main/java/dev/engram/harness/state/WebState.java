package dev.engram.harness.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.engram.harness.client.Chromium;
import dev.engram.harness.stack.HarnessRuntime;
import dev.engram.support.Json;
import java.util.ArrayList;
import java.util.List;

/** The browser side of a scenario: one context (a browser window) whose pages are tabs. */
public final class WebState implements AutoCloseable {
    private static final JsonNode ROUTES = Json.resource("sop/spa-routes.json", JsonNode.class);

    private final ScenarioContext scenario;
    private BrowserContext context;
    private final List<Page> tabs = new ArrayList<>();

    public WebState(ScenarioContext scenario) {
        this.scenario = scenario;
    }

    public String web() {
        String web = scenario.target().endpoints().web();
        if (web == null) {
            throw new IllegalStateException("no web URL for " + scenario.target() + ": pass --web URL or --web-dist DIR");
        }
        return web;
    }

    public Page newTab() {
        if (context == null) {
            context = Chromium.newContext();
        }
        Page page = context.newPage();
        tabs.add(page);
        return page;
    }

    public Page tab() {
        return tabs.isEmpty() ? newTab() : tabs.get(tabs.size() - 1);
    }

    public void screenshot(String name, Page page) {
        scenario.attach(name, page.screenshot(new Page.ScreenshotOptions().setFullPage(true)), "image/png");
    }

    public static List<String> routes(String key) {
        List<String> out = new ArrayList<>();
        ROUTES.path(key).forEach(r -> out.add(r.asText()));
        return out;
    }

    public static JsonNode redirects() {
        return ROUTES.path("redirects");
    }

    /** The exclude globs of the config being served: the emulator's when we serve it, else upstream's. */
    public List<String> excludes() {
        return HarnessRuntime.startedStack().map(stack -> stack.web().config().navigationFallback()
                        .map(f -> f.exclude().stream().map(Object::toString).toList()).orElse(List.<String>of()))
                .orElseGet(() -> routes("upstream_exclude"));
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }
}
