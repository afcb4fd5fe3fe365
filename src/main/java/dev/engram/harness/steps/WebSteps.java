package dev.engram.harness.steps;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.WebSocket;
import dev.engram.harness.check.Verify;
import dev.engram.harness.stack.HarnessRuntime;
import dev.engram.harness.state.ScenarioContext;
import dev.engram.harness.state.WebState;
import dev.engram.harness.client.Http;
import dev.engram.support.Json;
import dev.engram.simulator.swa.SpaBuild;
import dev.engram.simulator.swa.SwaEmulator;
import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The Static Web App in a real Chromium (SOP 1.1 "SWA routing prerequisite", "Unified one episode", SOP 5.5). */
public final class WebSteps {
    private final WebState web;
    private final ScenarioContext scenario;
    private final Verify verify;
    private final List<AutoCloseable> extras = new ArrayList<>();
    private String webUrl;
    private String chatSession;
    private String chatRequest;
    private static final double STEP_TIMEOUT_MS = 15_000;

    public WebSteps(WebState web, ScenarioContext scenario, Verify verify) {
        this.web = web;
        this.scenario = scenario;
        this.verify = verify;
    }

    @After
    public void closeBrowser() throws Exception {
        web.close();
        for (AutoCloseable extra : extras) {
            extra.close();
        }
    }

    private String url() {
        return webUrl != null ? webUrl : web.web();
    }

    @Then("every SPA route loads the app shell with 200 and text\\/html in a fresh tab")
    public void everyRouteLoads() {
        List<String> problems = new ArrayList<>();
        for (String route : WebState.routes("routes")) {
            Page tab = web.newTab();
            Response response = tab.navigate(url() + route);
            String type = response == null ? "" : String.valueOf(response.headerValue("content-type"));
            boolean shell = tab.locator(".logo").count() > 0 && tab.locator(".logo").first().textContent().contains("ENGRAM");
            web.screenshot(route, tab);
            if (response == null || response.status() != 200 || !type.startsWith("text/html") || !shell) {
                problems.add(route + " -> " + (response == null ? "no response" : response.status() + " " + type) + (shell ? "" : ", no app shell"));
            }
            tab.close();
        }
        verify.that(problems.isEmpty(), "deep links", "200, text/html and the app shell (.logo ENGRAM) for every route",
                String.join("; ", problems), "swa-deep-link");
    }

    @Then("paths the SPA does not know are redirected on the client")
    public void clientRedirects() {
        List<String> problems = new ArrayList<>();
        Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> redirects = WebState.redirects().fields();
        while (redirects.hasNext()) {
            var entry = redirects.next();
            Page tab = web.newTab();
            tab.navigate(url() + entry.getKey());
            tab.waitForURL(url() + entry.getValue().asText());
            String path = java.net.URI.create(tab.url()).getPath();
            if (!path.equals(entry.getValue().asText())) {
                problems.add(entry.getKey() + " -> " + path);
            }
            tab.close();
        }
        verify.that(problems.isEmpty(), "client-side redirects", "each path redirected as upstream does", String.valueOf(problems));
    }

    @Then("a missing asset under each excluded glob is a 404, not the app shell")
    public void missingAssets() {
        List<String> problems = new ArrayList<>();
        for (String glob : web.excludes()) {
            if (glob.startsWith("/api")) {
                continue;
            }
            String probe = glob.replace("*", "engram-missing-asset").replaceAll("\\.\\{([^,}]+)[^}]*}", ".$1");
            Http.Reply reply = Http.get(url() + probe);
            if (reply.status() != 404 || reply.body().contains("class=\"logo\"")) {
                problems.add(probe + " (" + glob + ") -> " + reply.status());
            }
        }
        verify.that(problems.isEmpty(), "excluded globs", "404 for missing files under every navigationFallback.exclude glob",
                String.valueOf(problems), "swa-deep-link");
    }

    @Then("the config file is not served")
    public void configNotServed() {
        Http.Reply reply = Http.get(url() + "/staticwebapp.config.json");
        verify.that(reply.status() == 404, "config file", "404 for /staticwebapp.config.json", reply.status() + " " + abbreviate(reply.body()));
    }

    @Then("\\/api requests reach the API, not the SPA fallback")
    public void apiNotRewritten() {
        Http.Reply agents = Http.get(url() + "/api/v1/agents");
        Http.Reply missing = Http.get(url() + "/api/engram-missing");
        boolean ok = agents.status() == 200 && dev.engram.harness.check.Shapes.looksLikeJson(agents.body());
        ok &= !missing.body().contains("class=\"logo\"");
        verify.that(ok, "/api/* is not swallowed by the fallback", "JSON from the API for /api/v1/agents, and no app shell for /api/engram-missing",
                "/api/v1/agents -> " + agents.status() + " " + abbreviate(agents.body()) + "; /api/engram-missing -> " + missing.status() + " " + abbreviate(missing.body()));
    }

    @When("the user opens {string} in a browser tab")
    public void opens(String path) {
        web.newTab().navigate(url() + path);
    }


    @Then("the tab keeps one engram_session_id across those navigations")
    public void sameSessionAcrossNavigations() {
        Page tab = web.tab();
        String first = sessionId(tab);
        tab.navigate(url() + "/voice");
        tab.navigate(url() + "/memory/episodes");
        tab.goBack();
        String later = sessionId(tab);
        verify.that(first != null && first.matches("session-\\d+-[0-9a-z]{7}") && first.equals(later), "one session id per tab",
                "the same engram_session_id (session-<epoch ms>-<7 chars>) after navigating", first + " then " + later);
    }

    @Then("a second tab gets a different engram_session_id")
    public void secondTabDiffers() {
        String first = sessionId(web.tab());
        Page second = web.newTab();
        second.navigate(url() + "/");
        String other = sessionId(second);
        verify.that(other != null && !other.equals(first), "a session id per tab", "two different ids", first + " and " + other);
    }

    @When("the user sends {string} from the chat page")
    public void sendsFromChat(String text) {
        Page tab = web.tab();
        Request request = browserStep("the chat page's request to /api/v1/chat", () -> tab.waitForRequest(
                r -> r.url().contains("/api/v1/chat") && "POST".equals(r.method()), new Page.WaitForRequestOptions().setTimeout(STEP_TIMEOUT_MS), () -> {
                    tab.locator("textarea, input[type='text']").first().fill(text);
                    tab.locator("button:has-text('Send')").first().click();
                }));
        chatRequest = request.url();
        chatSession = parse(request.postData()).path("session_id").asText(null);
        web.screenshot("chat", tab);
    }

    @Then("the voice socket it opens carries the same session id as the chat")
    public void voiceCarriesChatSession() {
        Page tab = web.tab();
        String url = openVoiceSocket(tab);
        web.screenshot("voice", tab);
        String tabSession = sessionId(tab);
        verify.that(chatSession != null && chatSession.equals(tabSession) && url.endsWith("/api/v1/voice/voicelive/" + chatSession),
                "unified session", "chat session_id = sessionStorage engram_session_id = the socket path's session id",
                "chat " + chatSession + ", tab " + tabSession + ", socket " + url);
    }

    @Then("the chat request went to the API under test")
    public void chatWentToApi() {
        verify.that(web.callsApiUnderTest(chatRequest), "SPA API base (VITE_API_URL)", "POST /api/v1/chat on " + scenario.target().api()
                + " or on the web app's /api proxy", "the SPA sent it to " + chatRequest + "; all its requests: " + web.traffic(), "spa-api-base");
    }

    @Then("the voice socket opens on the API under test")
    public void socketOnApi() {
        String url = openVoiceSocket(web.tab());
        verify.that(web.callsApiUnderTest(url), "SPA voice socket base (VITE_WS_URL)", "a socket on " + scenario.target().api().replaceFirst("^http", "ws")
                + "/api/v1/voice/voicelive/{session_id}", "the SPA opened " + url + "; all its traffic: " + web.traffic(), "spa-api-base");
    }

    private String openVoiceSocket(Page tab) {
        tab.locator("button:has-text('Voice Interaction')").first().click();
        return browserStep("the voice page's socket", () -> tab.waitForWebSocket(new Page.WaitForWebSocketOptions().setTimeout(STEP_TIMEOUT_MS),
                () -> tab.locator("button:has-text('Connect')").first().click())).url();
    }

    /** A browser wait that fails with what the browser saw, never with a bare timeout. */
    private <T> T browserStep(String what, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (com.microsoft.playwright.TimeoutError e) {
            verify.that(false, "browser: " + what, what + " within " + (long) STEP_TIMEOUT_MS / 1000 + " s",
                    "none; the tab's traffic: " + web.traffic(), "spa-api-base");
            throw e;
        }
    }

    @Given("the reference SPA built with an https API URL")
    public void builtWithHttps() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        SpaBuild build = SpaBuild.of(SpaBuild.SOURCE, "", "https://127.0.0.1:" + closed);
        SwaEmulator emulator = SwaEmulator.start(build.folder(), HarnessRuntime.target().api());
        extras.add(emulator);
        extras.add(build);
        webUrl = emulator.url();
    }

    @Then("the voice socket URL uses wss")
    public void usesWss() {
        Page tab = web.newTab();
        tab.navigate(url() + "/voice");
        WebSocket socket = tab.waitForWebSocket(() -> tab.locator("button:has-text('Connect')").first().click());
        verify.that(socket.url().startsWith("wss://"), "https becomes wss", "a wss:// socket URL", socket.url());
    }

    @Then("an accessibility scan of each main route finds no serious or critical violation")
    public void accessibility() {
        List<String> serious = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (String route : WebState.routes("main_routes")) {
            Page tab = web.newTab();
            tab.navigate(url() + route);
            AxeResults results = new AxeBuilder(tab).analyze();
            for (Rule violation : results.getViolations()) {
                report.append(route).append(": ").append(violation.getId()).append(" (").append(violation.getImpact()).append(") ")
                        .append(violation.getHelp()).append(", ").append(violation.getNodes().size()).append(" node(s)\n");
                if ("serious".equals(violation.getImpact()) || "critical".equals(violation.getImpact())) {
                    serious.add(route + " " + violation.getId());
                }
            }
            tab.close();
        }
        scenario.attach("accessibility violations", report.length() == 0 ? "none" : report.toString());
        verify.that(serious.isEmpty(), "Accessibility review complete", "no serious or critical axe-core violation on the main routes",
                report.length() == 0 ? "none" : report.toString().trim());
    }

    private static String sessionId(Page tab) {
        Object id = tab.evaluate("() => sessionStorage.getItem('engram_session_id')");
        return id == null ? null : id.toString();
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String text) {
        try {
            return Json.parse(text);
        } catch (Exception e) {
            return Json.object();
        }
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }
}
