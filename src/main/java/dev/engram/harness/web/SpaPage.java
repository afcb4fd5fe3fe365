package dev.engram.harness.web;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import dev.engram.harness.client.ApiResponse;
import dev.engram.harness.client.Http;
import dev.engram.harness.state.WebState;
import dev.engram.support.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The Static Web App as its user meets it, in a real Chromium: the page object the web steps talk to. Each method
 * does what a user or a check does on the SPA and returns what was seen, so a step only asserts.
 */
public final class SpaPage {
    private static final double STEP_TIMEOUT_MS = 15_000;

    /** An accessibility scan: every violation as a report line, and the serious or critical ones. */
    public record AccessibilityScan(List<String> violations, List<String> serious) {
        public String report() {
            return violations.isEmpty() ? "none" : String.join("\n", violations);
        }
    }

    /** What the chat page sent: where, and with which session id. */
    public record ChatSent(String url, String sessionId) {}

    /** A browser wait that ran out: what was awaited and the tab's traffic meanwhile. */
    public static final class BrowserWaitFailed extends RuntimeException {
        public BrowserWaitFailed(String what, String traffic) {
            super("none within " + (long) STEP_TIMEOUT_MS / 1000 + " s of " + what + "; the tab's traffic: " + traffic);
        }
    }

    private final WebState web;
    private final String base;

    public SpaPage(WebState web, String base) {
        this.web = web;
        this.base = base.replaceAll("/+$", "");
    }

    /**
     * Each route opened directly (a deep link, as a typed or bookmarked URL: a document load from the server, not a
     * client-side navigation), with a screenshot; the routes that did not load the app shell. One tab loads them one
     * after another, so the browser starts no renderer per route.
     */
    public List<String> deepLinkProblems(List<String> routes) {
        List<String> problems = new ArrayList<>();
        visit(routes, (route, response, tab) -> {
            String type = response == null ? "" : String.valueOf(response.headerValue("content-type"));
            boolean shell = tab.locator(".logo").count() > 0 && tab.locator(".logo").first().textContent().contains("ENGRAM");
            web.screenshot(route, tab);
            if (response == null || response.status() != 200 || !type.startsWith("text/html") || !shell) {
                problems.add(route + " -> " + (response == null ? "no response" : response.status() + " " + type) + (shell ? "" : ", no app shell"));
            }
        });
        return problems;
    }

    /** Each unknown path opened; those not redirected on the client to where upstream sends them. */
    public List<String> redirectProblems(JsonNode redirects) {
        List<String> problems = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> each = redirects.fields();
        while (each.hasNext()) {
            Map.Entry<String, JsonNode> entry = each.next();
            Page tab = web.newTab();
            tab.navigate(base + entry.getKey());
            tab.waitForURL(base + entry.getValue().asText());
            String path = java.net.URI.create(tab.url()).getPath();
            if (!path.equals(entry.getValue().asText())) {
                problems.add(entry.getKey() + " -> " + path);
            }
            tab.close();
        }
        return problems;
    }

    /** axe-core on each route, each loaded directly in the scan's tab; every violation, and the serious or critical ones. */
    public AccessibilityScan scan(List<String> routes) {
        List<String> violations = new ArrayList<>();
        List<String> serious = new ArrayList<>();
        visit(routes, (route, response, tab) -> {
            tab.evaluate(AxeBuilder.getAxeScript());
            tab.evaluate(START_AXE);
            for (JsonNode violation : axeViolations(tab)) {
                String impact = violation.path("impact").asText();
                violations.add(route + ": " + violation.path("id").asText() + " (" + impact + ") " + violation.path("help").asText()
                        + ", " + violation.path("nodes").asInt() + " node(s)");
                if (impact.equals("serious") || impact.equals("critical")) {
                    serious.add(route + " " + violation.path("id").asText());
                }
            }
        });
        return new AccessibilityScan(violations, serious);
    }

    /** What to check of a route once its page has loaded. */
    private interface RouteCheck {
        void check(String route, Response response, Page tab);
    }

    /** Loads each route in one fresh tab, one after another (each a document load from the server), and checks it. */
    private void visit(List<String> routes, RouteCheck check) {
        Page tab = web.newTab();
        for (String route : routes) {
            check.check(route, tab.navigate(base + route), tab);
        }
        tab.close();
    }

    private static JsonNode axeViolations(Page tab) {
        Object result = tab.evaluate("() => window.__engramAxe"); // awaits the promise START_AXE left
        try {
            return Json.parse(String.valueOf(result));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("axe-core gave no readable result on " + tab.url() + ": " + e.getOriginalMessage());
        }
    }

    /** Starts axe-core's full rule set on the page and keeps its violations, as JSON, in a promise the harness awaits. */
    private static final String START_AXE = "() => { window.__engramAxe = axe.run(document, {resultTypes: ['violations']}).then(r => "
            + "JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length})))); }";

    /** A missing file under each excluded glob (not under /api), fetched; those answered other than a plain 404. */
    public List<String> missingAssetProblems(List<String> globs) {
        List<String> problems = new ArrayList<>();
        for (String glob : globs.stream().filter(g -> !g.startsWith("/api")).toList()) {
            String probe = glob.replace("*", "engram-missing-asset").replaceAll("\\.\\{([^,}]+)[^}]*}", ".$1");
            ApiResponse reply = Http.get(base + probe);
            if (reply.status() != 404 || reply.body().contains("class=\"logo\"")) {
                problems.add(probe + " (" + glob + ") -> " + reply.status());
            }
        }
        return problems;
    }

    public void open(String path) {
        web.newTab().navigate(base + path);
    }

    /** The current tab's id, then again after navigating away and back: the pair to compare. */
    public List<String> sessionIdAcrossNavigations() {
        Page tab = web.tab();
        String first = sessionId(tab);
        tab.navigate(base + "/voice");
        tab.navigate(base + "/memory/episodes");
        tab.goBack();
        return java.util.Arrays.asList(first, sessionId(tab));
    }

    public String currentSessionId() {
        return sessionId(web.tab());
    }

    /** A second tab's session id. */
    public String secondTabSessionId() {
        Page second = web.newTab();
        second.navigate(base + "/");
        return sessionId(second);
    }

    /** Types into the chat page and sends; what its request to /api/v1/chat carried. */
    public ChatSent sendFromChat(String text) {
        Page tab = web.tab();
        Request request = await("the chat page's request to /api/v1/chat", () -> tab.waitForRequest(
                r -> r.url().contains("/api/v1/chat") && "POST".equals(r.method()), new Page.WaitForRequestOptions().setTimeout(STEP_TIMEOUT_MS), () -> {
                    tab.locator("textarea, input[type='text']").first().fill(text);
                    tab.locator("button:has-text('Send')").first().click();
                }));
        web.screenshot("chat", tab);
        return new ChatSent(request.url(), parse(request.postData()).path("session_id").asText(null));
    }

    /** Opens the voice page and connects; the URL of the socket the SPA opened. */
    public String openVoiceSocket() {
        Page tab = web.tab();
        tab.locator("button:has-text('Voice Interaction')").first().click();
        String url = await("the voice page's socket", () -> tab.waitForWebSocket(new Page.WaitForWebSocketOptions().setTimeout(STEP_TIMEOUT_MS),
                () -> tab.locator("button:has-text('Connect')").first().click())).url();
        web.screenshot("voice", tab);
        return url;
    }

    /** The voice page opened directly, then Connect; the socket's URL. */
    public String voiceSocketFromVoicePage() {
        Page tab = web.newTab();
        tab.navigate(base + "/voice");
        return tab.waitForWebSocket(() -> tab.locator("button:has-text('Connect')").first().click()).url();
    }

    private <T> T await(String what, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (com.microsoft.playwright.TimeoutError e) {
            throw new BrowserWaitFailed(what, String.valueOf(web.traffic()));
        }
    }

    private static String sessionId(Page tab) {
        Object id = tab.evaluate("() => sessionStorage.getItem('engram_session_id')");
        return id == null ? null : id.toString();
    }

    private static JsonNode parse(String text) {
        try {
            return Json.parse(text);
        } catch (Exception e) {
            return Json.object();
        }
    }
}
