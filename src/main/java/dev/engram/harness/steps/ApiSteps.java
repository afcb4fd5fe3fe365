package dev.engram.harness.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.harness.check.Shapes;
import dev.engram.harness.check.Verify;
import dev.engram.harness.client.ApiResponse;
import dev.engram.harness.state.ApiState;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The REST endpoints of SOP 10.1 and the validation calls of SOP 1.1. */
public final class ApiSteps {
    private final ApiState api;
    private final Verify verify;

    public ApiSteps(ApiState api, Verify verify) {
        this.api = api;
        this.verify = verify;
    }

    @When("the operator calls {method} {string}")
    @When("the caller calls {method} {string}")
    public void calls(String method, String path) {
        api.record(api.api().request(method, path));
    }

    @When("an anonymous caller calls {method} {string}")
    public void callsAnonymously(String method, String path) {
        api.record(api.api().requestAnonymously(method, path));
    }

    @When("an anonymous caller posts to {string} the body {string}")
    public void postsAnonymously(String path, String body) {
        api.record(api.api().postJsonAnonymously(path, body));
    }

    @When("the caller posts to {string} the body {string}")
    public void posts(String path, String body) {
        api.record(api.api().postJson(path, body));
    }

    @Then("the answer is HTTP {int}")
    public void status(int status) {
        ApiResponse r = api.last();
        verify.that(r.status() == status, r.request() + " answers " + status, "HTTP " + status, r.summary());
    }

    @Then("the answer is HTTP {int} with a JSON body")
    public void statusWithJson(int status) {
        ApiResponse r = api.last();
        verify.that(r.status() == status && r.isJson(), r.request() + " answers " + status + " with JSON",
                "HTTP " + status + " and a JSON body", r.summary());
    }

    @Then("the JSON field {string} is {string}")
    public void fieldIs(String field, String expected) {
        JsonNode value = api.last().json().path(field);
        verify.that(value.isTextual() && value.asText().equals(expected), "field " + field,
                "\"" + field + "\": \"" + expected + "\"", api.last().summary());
    }

    @Then("the JSON field {string} is not empty")
    public void fieldNotEmpty(String field) {
        JsonNode value = api.last().json().path(field);
        verify.that(value.isTextual() && !value.asText().isBlank(), "field " + field,
                "\"" + field + "\" holding a non-empty string", api.last().summary());
    }

    @Then("the JSON has the fields {string}")
    public void hasFields(String fields) {
        List<String> missing = new ArrayList<>();
        Arrays.stream(fields.split("\\s*,\\s*")).filter(f -> !api.last().json().has(f)).forEach(missing::add);
        verify.that(missing.isEmpty(), "body fields", "fields " + fields, "missing " + missing + " in " + api.last().summary());
    }

    @Then("the body has the {string} shape")
    public void hasShape(String shape) {
        List<String> problems = Shapes.problems(shape, api.last().json());
        verify.that(problems.isEmpty(), "body shape '" + shape + "' (engram-upstream)", "the " + shape + " shape",
                problems + " in " + api.last().summary());
    }

    @Then("the body mentions {string}")
    public void bodyMentions(String text) {
        verify.that(api.last().body().contains(text), "body names " + text, "a body containing \"" + text + "\"", api.last().summary());
    }

    @Then("the answer is a 4xx JSON error naming {string}")
    public void clientError(String field) {
        ApiResponse r = api.last();
        boolean ok = r.status() >= 400 && r.status() < 500 && r.isJson() && r.body().contains(field);
        verify.that(ok, "bad input is refused", "HTTP 4xx with a JSON error naming \"" + field + "\"", r.summary());
    }

    @Then("VoiceLive is reported as configured")
    public void voiceLiveConfigured() {
        JsonNode configured = api.last().json().path("voicelive_configured");
        verify.that(configured.isBoolean() && configured.asBoolean(), "VoiceLive status",
                "\"voicelive_configured\": true", api.last().summary(), "voicelive-not-configured");
    }

    @Then("the agents listed are {string}")
    public void agentsListed(String expected) {
        List<String> wanted = Arrays.asList(expected.split("\\s*,\\s*"));
        verify.that(api.last().agentIds().containsAll(wanted), "agent list", "agents " + wanted, api.last().summary());
    }
}
