package dev.engram.harness.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.engram.harness.stack.RunWorld;
import dev.engram.support.Json;
import java.util.ArrayList;
import java.util.List;

/** The browser side of a scenario: one context (a browser window) whose pages are tabs. */
public final class WebState implements AutoCloseable {
    private static final JsonNode ROUTES = Json.resource("sop/spa-routes.json", JsonNode.class);

    private final ScenarioContext scenario;
    private BrowserContext context;
    private final List<Page> tabs = new ArrayList<>();
    private final List<String> traffic = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final RunWorld world;

    public WebState(ScenarioContext scenario, RunWorld world) {
        this.world = world;
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
            context = world.browser().newContext();
        }
        Page page = context.newPage();
        page.onRequest(request -> traffic.add(request.method() + " " + request.url()));
        page.onWebSocket(socket -> traffic.add("WebSocket " + socket.url()));
        tabs.add(page);
        return page;
    }

    public Page tab() {
        return tabs.isEmpty() ? newTab() : tabs.get(tabs.size() - 1);
    }

    /** Every request and socket the tabs opened, in order: what the browser saw of where the SPA sends its calls. */
    public List<String> traffic() {
        return List.copyOf(traffic);
    }

    /** The bases an SPA may call the API under test on: the API itself, or the web origin's /api proxy. */
    public boolean callsApiUnderTest(String url) {
        String api = scenario.target().api();
        String socketApi = api.replaceFirst("^http", "ws");
        String origin = web().replaceAll("/+$", "");
        return url.startsWith(api + "/") || url.startsWith(socketApi + "/") || url.startsWith(origin + "/api/")
                || url.startsWith(origin.replaceFirst("^http", "ws") + "/api/");
    }

    public void screenshot(String name, Page page) {
        scenario.attach(name, page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setType(com.microsoft.playwright.options.ScreenshotType.JPEG).setQuality(70)), "image/jpeg");
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
        return world.startedStack().map(stack -> stack.web().config().navigationFallback()
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
