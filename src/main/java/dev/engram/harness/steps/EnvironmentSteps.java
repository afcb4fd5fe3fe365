package dev.engram.harness.steps;

import dev.engram.harness.check.Verify;
import dev.engram.harness.client.ApiResponse;
import dev.engram.harness.config.EnvironmentProfile;
import dev.engram.harness.stack.RunWorld;
import dev.engram.harness.state.ApiState;
import dev.engram.harness.state.ScenarioContext;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;

/** What SOP sections 1, 6 and 7 say differs per environment: auth model, hardening, CORS, compliance. */
public final class EnvironmentSteps {
    private static final String ASK = "{\"content\":\"What is the capital of France?\",\"agent_id\":\"elena\"}";

    private final ApiState api;
    private final ScenarioContext scenario;
    private final Verify verify;
    private final RunWorld world;

    public EnvironmentSteps(ApiState api, ScenarioContext scenario, Verify verify, RunWorld world) {
        this.world = world;
        this.api = api;
        this.scenario = scenario;
        this.verify = verify;
    }

    private EnvironmentProfile profile() {
        return EnvironmentProfile.of(scenario.target().environment());
    }

    @Then("\\/health reports the environment's ENVIRONMENT")
    public void healthNamesEnvironment() {
        ApiResponse r = api.record(api.api().requestAnonymously("GET", "/health"));
        String expected = profile().engramEnvironment();
        verify.that(expected.equals(r.json().path("environment").asText()), "ENVIRONMENT of " + scenario.target().environment(),
                "\"environment\": \"" + expected + "\" (SOP " + scenario.target().environment() + " configuration block)", r.summary());
    }

    @When("a caller without a token asks for a chat")
    public void withoutToken() {
        api.record(api.api().postJsonAnonymously("/api/v1/chat", ASK));
    }

    @When("a caller asks for a chat with the token {string}")
    public void withToken(String token) {
        api.record(api.api().postJsonWithToken("/api/v1/chat", ASK, token));
    }

    @When("a UAT user who signed in without MFA asks for a chat")
    public void withoutMfa() {
        var entra = world.entra();
        verify.that(entra.isPresent(), "auth model: " + profile().authModel(), "Entra ID sign-in, so that MFA can be enforced (SOP 6.3)",
                "the backend under test is wired to no Entra ID (its stack rehearses an environment without one)");
        String token = entra.orElseThrow().userToken("uat.tester1@engramtest.onmicrosoft.com");
        api.record(api.api().postJsonWithToken("/api/v1/chat", ASK, token));
    }

    @Then("the chat is refused with 401 {string}")
    public void refused(String detail) {
        ApiResponse r = api.last();
        verify.that(r.status() == 401 && r.json().path("detail").asText().contains(detail), "auth model: " + profile().authModel(),
                "HTTP 401 with \"" + detail + "\"", r.summary(), detail.equals("Missing token") ? "missing-token" : null);
    }

    @Then("the chat is answered")
    public void answered() {
        ApiResponse r = api.last();
        verify.that(r.status() == 200, "auth model: " + profile().authModel(), "HTTP 200", r.summary());
    }

    @Then("a CORS preflight from {string} is refused")
    public void foreignPreflight(String origin) {
        ApiResponse r = api.record(api.api().preflight("/api/v1/chat", origin));
        String allowed = r.header("Access-Control-Allow-Origin");
        verify.that(allowed == null || (!allowed.equals("*") && !allowed.equals(origin)), "CORS restricted to the SWA origin",
                "no Access-Control-Allow-Origin for " + origin, r.status() + ", Access-Control-Allow-Origin: " + allowed);
    }

    @Then("a CORS preflight from the web app's origin is allowed for exactly that origin")
    public void webPreflight() {
        String origin = scenario.target().endpoints().web();
        ApiResponse r = api.record(api.api().preflight("/api/v1/chat", origin));
        String allowed = r.header("Access-Control-Allow-Origin");
        verify.that(r.status() < 300 && origin.equals(allowed), "CORS allows the exact SWA origin (SOP 1.1 production hardening)",
                "Access-Control-Allow-Origin: " + origin + " (not *)", r.status() + ", Access-Control-Allow-Origin: " + allowed);
    }

    @Then("error bodies carry no stack trace and no secret")
    public void errorBodiesClean() {
        for (ApiResponse r : badRequests()) {
            verify.that(!r.body().matches(LEAKS), "No sensitive data in error messages (SOP 6.7)", "an error body without stack traces, keys or tokens", r.summary());
        }
    }

    /** What a stack trace, a key or a token looks like in a body. */
    private static final String LEAKS = "(?s).*(Exception|\\tat |\\.java:\\d+|Traceback|api-key|Bearer ey).*";

    /** Three requests that must fail: a truncated body, an unknown agent, an unknown agent's voice config. */
    private List<ApiResponse> badRequests() {
        return List.of(
                api.record(api.api().postJson("/api/v1/chat", "{\"content\": ")),
                api.record(api.api().postJson("/api/v1/chat", "{\"content\":\"Hi\",\"agent_id\":\"nobody\"}")),
                api.record(api.api().requestAnonymously("GET", "/api/v1/voice/config/nobody")));
    }

    @Then("the audit log holds that chat with the caller's identity")
    public void audited() {
        var entries = world.stack().reference().orElseThrow().auditLog().entries();
        verify.that(entries.stream().anyMatch(EnvironmentSteps::signedInChat), "All API calls logged with user identity (SOP 6.7)",
                "an audit entry POST /api/v1/chat 200 with the signed-in user's object id", entries.size() + " entries: " + entries.stream().limit(5).toList());
        verify.that(entries.stream().noneMatch(e -> e.toString().matches(".*[A-Za-z0-9._%+-]{2,}@[A-Za-z0-9.-]+.*")), "PII masked in logs (SOP 6.7)",
                "no e-mail address in audit entries", entries.toString());
    }

    private static boolean signedInChat(dev.engram.reference.AuditLog.Entry e) {
        return e.method().equals("POST") && e.path().equals("/api/v1/chat") && e.status() == 200 && !e.user().equals("anonymous");
    }

    @Then("debug-only surfaces are not served")
    public void debugOff() {
        for (String path : List.of("/docs", "/openapi.json", "/redoc")) {
            ApiResponse r = api.record(api.api().requestAnonymously("GET", path));
            verify.that(r.status() == 404 || r.status() == 401 || r.status() == 403, "debug surfaces off outside development (DEBUG=false)",
                    path + " not served", r.summary());
        }
    }
}
