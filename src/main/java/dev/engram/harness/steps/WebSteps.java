package dev.engram.harness.steps;

import dev.engram.harness.check.Shapes;
import dev.engram.harness.check.Verify;
import dev.engram.harness.client.ApiResponse;
import dev.engram.harness.client.Http;
import dev.engram.harness.stack.HttpsApiSpa;
import dev.engram.harness.state.ScenarioContext;
import dev.engram.harness.state.WebState;
import dev.engram.harness.web.SpaPage;
import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;

/** The Static Web App in a real Chromium (SOP 1.1 "SWA routing prerequisite", "Unified one episode", SOP 5.5). */
public final class WebSteps {
    private final WebState web;
    private final ScenarioContext scenario;
    private final Verify verify;
    private HttpsApiSpa httpsSpa;
    private SpaPage.ChatSent chat;

    public WebSteps(WebState web, ScenarioContext scenario, Verify verify) {
        this.web = web;
        this.scenario = scenario;
        this.verify = verify;
    }

    @After
    public void closeBrowser() throws Exception {
        web.close();
        if (httpsSpa != null) {
            httpsSpa.close();
        }
    }

    private SpaPage spa() {
        return new SpaPage(web, httpsSpa != null ? httpsSpa.url() : web.web());
    }

    @Then("every SPA route opened directly loads the app shell with 200 and text\\/html")
    public void everyRouteLoads() {
        List<String> problems = spa().deepLinkProblems(WebState.routes("routes"));
        verify.that(problems.isEmpty(), "deep links", "200, text/html and the app shell (.logo ENGRAM) for every route", String.join("; ", problems), "swa-deep-link");
    }

    @Then("paths the SPA does not know are redirected on the client")
    public void clientRedirects() {
        List<String> problems = spa().redirectProblems(WebState.redirects());
        verify.that(problems.isEmpty(), "client-side redirects", "each path redirected as upstream does", String.valueOf(problems));
    }

    @Then("a missing asset under each excluded glob is a 404, not the app shell")
    public void missingAssets() {
        List<String> problems = spa().missingAssetProblems(web.excludes());
        verify.that(problems.isEmpty(), "excluded globs", "404 for missing files under every navigationFallback.exclude glob", String.valueOf(problems), "swa-deep-link");
    }

    @Then("the config file is not served")
    public void configNotServed() {
        ApiResponse reply = Http.get(web.web() + "/staticwebapp.config.json");
        verify.that(reply.status() == 404, "config file", "404 for /staticwebapp.config.json", reply.status() + " " + abbreviate(reply.body()));
    }

    @Then("\\/api requests reach the API, not the SPA fallback")
    public void apiNotRewritten() {
        ApiResponse agents = Http.get(web.web() + "/api/v1/agents");
        ApiResponse missing = Http.get(web.web() + "/api/engram-missing");
        verify.that(agents.status() == 200 && Shapes.looksLikeJson(agents.body()) && !missing.body().contains("class=\"logo\""), "/api/* is not swallowed by the fallback",
                "JSON from the API for /api/v1/agents, and no app shell for /api/engram-missing", "/api/v1/agents -> " + agents.status() + " "
                        + abbreviate(agents.body()) + "; /api/engram-missing -> " + missing.status() + " " + abbreviate(missing.body()));
    }

    @When("the user opens {string} in a browser tab")
    public void opens(String path) {
        spa().open(path);
    }

    @Then("the tab keeps one engram_session_id across those navigations")
    public void sameSessionAcrossNavigations() {
        List<String> ids = spa().sessionIdAcrossNavigations();
        verify.that(ids.get(0) != null && ids.get(0).matches("session-\\d+-[0-9a-z]{7}") && ids.get(0).equals(ids.get(1)), "one session id per tab",
                "the same engram_session_id (session-<epoch ms>-<7 chars>) after navigating", ids.get(0) + " then " + ids.get(1));
    }

    @Then("a second tab gets a different engram_session_id")
    public void secondTabDiffers() {
        String first = spa().currentSessionId();
        String other = spa().secondTabSessionId();
        verify.that(other != null && !other.equals(first), "a session id per tab", "two different ids", first + " and " + other);
    }

    @When("the user sends {string} from the chat page")
    public void sendsFromChat(String text) {
        chat = inBrowser("the chat page's request to /api/v1/chat", () -> spa().sendFromChat(text));
    }

    @Then("the voice socket it opens carries the same session id as the chat")
    public void voiceCarriesChatSession() {
        String url = inBrowser("the voice page's socket", () -> spa().openVoiceSocket());
        String tab = spa().currentSessionId();
        verify.that(chat.sessionId() != null && chat.sessionId().equals(tab) && url.endsWith("/api/v1/voice/voicelive/" + chat.sessionId()), "unified session",
                "chat session_id = sessionStorage engram_session_id = the socket path's session id", "chat " + chat.sessionId() + ", tab " + tab + ", socket " + url);
    }

    @Then("the chat request went to the API under test")
    public void chatWentToApi() {
        verify.that(web.callsApiUnderTest(chat.url()), "SPA API base (VITE_API_URL)", "POST /api/v1/chat on " + scenario.target().api()
                + " or on the web app's /api proxy", "the SPA sent it to " + chat.url() + "; all its requests: " + web.traffic(), "spa-api-base");
    }

    @Then("the voice socket opens on the API under test")
    public void socketOnApi() {
        String url = inBrowser("the voice page's socket", () -> spa().openVoiceSocket());
        verify.that(web.callsApiUnderTest(url), "SPA voice socket base (VITE_WS_URL)", "a socket on " + scenario.target().api().replaceFirst("^http", "ws")
                + "/api/v1/voice/voicelive/{session_id}", "the SPA opened " + url + "; all its traffic: " + web.traffic(), "spa-api-base");
    }

    @Given("the reference SPA built with an https API URL")
    public void builtWithHttps() {
        httpsSpa = HttpsApiSpa.start(scenario.target().api());
    }

    @Then("the voice socket URL uses wss")
    public void usesWss() {
        String url = spa().voiceSocketFromVoicePage();
        verify.that(url.startsWith("wss://"), "https becomes wss", "a wss:// socket URL", url);
    }

    @Then("an accessibility scan of each main route finds no serious or critical violation")
    public void accessibility() {
        SpaPage.AccessibilityScan scan = spa().scan(WebState.routes("main_routes"));
        scenario.attach("accessibility violations", scan.report());
        verify.that(scan.serious().isEmpty(), "Accessibility review complete", "no serious or critical axe-core violation on the main routes", scan.report());
    }

    /** A browser wait that fails with what the browser saw, never with a bare timeout. */
    private <T> T inBrowser(String what, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (SpaPage.BrowserWaitFailed e) {
            verify.that(false, "browser: " + what, what, e.getMessage(), "spa-api-base");
            throw e;
        }
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }
}
