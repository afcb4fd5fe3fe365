package dev.engram.harness.steps;

import dev.engram.harness.client.ApiResponse;
import dev.engram.harness.client.VoiceMessage;
import dev.engram.harness.check.Diagnosis;
import dev.engram.harness.check.Verify;
import dev.engram.harness.client.Connectivity;
import dev.engram.harness.client.EngramApi;
import dev.engram.harness.client.Http;
import dev.engram.harness.client.VoiceSocket;
import dev.engram.harness.config.Target;
import dev.engram.harness.state.ConnectivityState;
import dev.engram.harness.state.ScenarioContext;
import dev.engram.support.Waits;
import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The WebSocket troubleshooting guide, reproduced cause by cause against a backend instance set up to meet it. */
public final class ConnectivitySteps {
    private static final Duration VOICE_WAIT = Duration.ofSeconds(40);
    /** The guide's row that explains each connectivity status. */
    private static final java.util.Map<String, String> GUIDE_ROWS = java.util.Map.of(
            "Error (proxy refused upgrade)", "ws-proxy", "Error (proxy authentication required)", "ws-proxy", "OK", "ws-proxy",
            "Error (401)", "ws-auth", "Error (DNS)", "ws-dns", "Error (TLS)", "ws-tls");
    private final ConnectivityState net;
    private final ScenarioContext scenario;
    private final Verify verify;
    private Connectivity.Report report;
    private String voiceError;
    private boolean droppedSocketClosed;
    private List<Diagnosis.Step> diagnosis;

    public ConnectivitySteps(ConnectivityState net, ScenarioContext scenario, Verify verify) {
        this.net = net;
        this.scenario = scenario;
        this.verify = verify;
    }

    @After
    public void stop() {
        net.close();
    }

    @Given("the Voice Live endpoint is behind the network fault {string}")
    public void voiceLiveBehind(String fault) {
        net.voiceLiveBehind(fault);
    }

    @Given("the chat gateway is behind the network fault {string}")
    public void gatewayBehind(String fault) {
        net.gatewayBehind(fault);
    }

    @When("the user speaks {string} through it")
    public void speaksThrough(String fixture) {
        try (VoiceSocket socket = VoiceSocket.open(net.api(), "session-1-dropped", scenario.target().bearerToken(), Duration.ofSeconds(10))) {
            voiceError = speakUntilError(socket, fixture);
            droppedSocketClosed = socket.awaitClosed(Duration.ofSeconds(15));
        }
    }

    /** Speaks a fixture once the session is up; the message of the error that follows. */
    private static String speakUntilError(VoiceSocket socket, String fixture) {
        socket.await(0, m -> m.is("agent_switched"), VOICE_WAIT, "agent_switched");
        socket.speak(dev.engram.harness.state.VoiceState.fixtures().byId(fixture).audio().append(dev.engram.audio.Pcm16.silence(1200)), false);
        return socket.message(socket.await(0, VoiceMessage::isError, VOICE_WAIT, "an error after the drop")).message();
    }

    @Then("the voice socket got an error and was closed")
    public void gotErrorAndClosed() {
        verify.that(voiceError != null && droppedSocketClosed, "a VoiceLive drop mid-response (1006) surfaces", "an {\"type\": \"error\"} then a close",
                "error " + voiceError + ", closed " + droppedSocketClosed, "voicelive-disconnect");
    }

    @Then("no voice session stays open on it")
    public void noSessionOnVariant() {
        int active = Waits.until(() -> Http.get(net.api() + "/api/v1/voice/status").json().path("active_sessions").asInt(-1), n -> n == 0, Duration.ofSeconds(10));
        verify.that(active == 0, "the dropped session is cleaned up", "\"active_sessions\": 0", "active_sessions " + active);
    }

    @Then("a new voice session through it opens")
    public void newSessionOpens() {
        String answer = awaitVoice(m -> m.is("agent_switched") || m.isError());
        verify.that(answer == null, "the next session works", "agent_switched", String.valueOf(answer), "voicelive-disconnect");
    }

    @Then("a chat on it fails with a JSON error, never a 200")
    public void chatFailsWithJson() {
        ApiResponse r = new EngramApi(variantTarget()).postJson("/api/v1/chat", "{\"content\":\"What is the capital of France?\",\"agent_id\":\"elena\"}");
        verify.that(r.status() >= 500 && r.isJson(), "a gateway that breaks off mid-body surfaces", "HTTP 5xx with a JSON error (never a 200 apology)",
                r.summary(), "chat-incident");
    }

    @Given("egress goes through the proxy {string}")
    public void throughProxy(String fault) {
        net.proxy(fault);
    }

    @Given("Engram runs with {word} set to {string}")
    public void withVariable(String variable, String value) {
        net.set(variable, value);
    }

    @Given("Engram runs in Speech container mode against a Speech-to-text container")
    public void inContainerMode() {
        net.speechContainer();
    }

    @Then("the Speech container check reports {string}")
    public void speechContainerReports(String status) {
        Optional<Connectivity.Check> check = report.check("Speech container");
        verify.that(check.isPresent() && check.get().status().equals(status), "connectivity test: Speech container (WebSocket)",
                "Status: " + status, String.valueOf(check.orElse(null)), "ws-speech-container");
    }

    @When("its connectivity test is read")
    public void readConnectivityTest() {
        report = Connectivity.report(net.api());
        scenario.attach("connectivity test", String.valueOf(report));
    }

    @When("a voice session is opened through it")
    public void openVoice() {
        voiceError = awaitVoice(m -> m.isError() || m.is("agent_switched"));
    }

    @When("the network fault clears")
    public void faultClears() {
        net.voiceLiveFault().clear();
    }

    @When("the harness diagnoses the target's voice path")
    public void diagnose() {
        diagnosis = new Diagnosis(scenario.target().api(), scenario.target().bearerToken(), Duration.ZERO).run();
        scenario.attach("diagnosis", String.join("\n", diagnosis.stream().map(Diagnosis.Step::line).toList()));
    }

    @Then("no step of the diagnosis fails")
    public void diagnosisPasses() {
        Optional<Diagnosis.Step> failed = diagnosis.stream().filter(s -> s.outcome().equals("FAIL")).findFirst();
        verify.that(failed.isEmpty(), "the voice path, step by step", "every step PASS (WARN and SKIP are reported)",
                failed.map(Diagnosis.Step::line).orElse(""));
    }

    @Then("the Voice Live check reports {string}")
    public void voiceLiveReports(String status) {
        Optional<Connectivity.Check> check = report.check("Voice Live API");
        verify.that(check.isPresent() && check.get().status().equals(status), "connectivity test: Voice Live API (WebSocket)",
                "Status: " + status, String.valueOf(check.orElse(null)), GUIDE_ROWS.getOrDefault(status, "ws-timeout"));
    }

    @Then("its latency is close to the connect timeout")
    public void latencyNearTimeout() {
        long latency = report.check("Voice Live API").map(Connectivity.Check::latencyMs).orElse(-1L);
        long timeout = ConnectivityState.CONNECT_TIMEOUT_MS;
        verify.that(latency >= timeout && latency < timeout + 1_000, "connectivity test latency", "about the " + timeout
                + " ms connect timeout (the guide's 'Latency: 5,004ms' for its 5 s)", latency + " ms");
    }

    @Then("the voice session fails naming {string}")
    public void voiceFailsNaming(String cause) {
        verify.that(voiceError != null && voiceError.contains(cause), "graceful degradation: the voice socket names the cause",
                "{\"type\": \"error\"} mentioning \"" + cause + "\"", String.valueOf(voiceError), "ws-retry");
    }

    @Then("the voice link logged {string} for attempts {int} to {int}")
    public void linkLogged(String line, int from, int to) {
        List<String> messages = Connectivity.link(net.api()).history().stream().map(Connectivity.LinkState::message).toList();
        boolean all = java.util.stream.IntStream.rangeClosed(from, to).allMatch(n -> messages.stream().anyMatch(m -> m.startsWith(line.replace("X", String.valueOf(n)))));
        verify.that(all, "retry with exponential backoff (Code Implementation)", line + " for attempts " + from + " to " + to, String.valueOf(messages), "ws-retry");
    }

    @Then("the attempts are spaced by growing intervals")
    public void growingIntervals() {
        List<Long> gaps = Backoff.gaps(Connectivity.link(net.api()).history());
        verify.that(gaps.size() >= 2 && Backoff.growing(gaps), "exponential backoff", "each interval between attempts longer than the last",
                "intervals (ms) from the recorded timestamps: " + gaps, "ws-retry");
    }

    @Then("the voice link is {string} after attempt {int}")
    public void linkState(String state, int attempt) {
        Connectivity.Link link = Connectivity.link(net.api());
        verify.that(link.state().equals(state) && link.attempt() == attempt, "connection-state monitoring",
                state + " at attempt " + attempt, link.state() + " at attempt " + link.attempt() + "; history " + link.history(), "ws-cold-start");
    }

    @Then("the voice link connected after retrying")
    public void connectedAfterRetrying() {
        Connectivity.Link link = Connectivity.link(net.api());
        long retries = link.history().stream().filter(s -> s.state().equals("reconnecting")).count();
        verify.that(link.state().equals("connected") && retries >= 1, "retry through a cold start",
                "connected after at least one 'Attempting to reconnect (X/5)'", link.state() + "; history " + link.history(), "ws-cold-start");
    }

    @Then("a chat on it is answered")
    public void chatAnswered() {
        ApiResponse r = new EngramApi(variantTarget()).postJson("/api/v1/chat", "{\"content\":\"What is the capital of France?\",\"agent_id\":\"elena\"}");
        verify.that(r.status() == 200, "graceful degradation: chat keeps working while voice is down", "HTTP 200", r.summary(), "ws-retry");
    }

    @Then("its health says {string}")
    public void healthSays(String status) {
        ApiResponse health = Http.get(net.api() + "/health");
        verify.that(health.json().path("status").asText().equals(status), "health does not lie", "\"status\": \"" + status + "\"", health.body());
    }

    @Then("voice recovers without a restart")
    public void recovers() {
        Connectivity.Link link = Waits.until(() -> Connectivity.link(net.api()), l -> l.state().equals("connected"), Duration.ofSeconds(30));
        verify.that(link.state().equals("connected"), "recovery", "the voice link connected again", link.state() + "; " + link.history());
        String answer = awaitVoice(m -> m.is("agent_switched") || m.isError());
        verify.that(answer == null, "recovery", "a voice session that opens (agent_switched)", String.valueOf(answer));
    }

    @Then("the proxy saw a tunnel to the Voice Live endpoint")
    public void proxyTunnelled() {
        List<String> tunnels = net.proxyFault().tunnels();
        String voiceLive = java.net.URI.create(scenario.target().endpoints().voicelive()).getAuthority();
        verify.that(tunnels.contains(voiceLive), "proxy variables honoured (HTTPS_PROXY, HTTP CONNECT)", "CONNECT " + voiceLive, String.valueOf(tunnels), "ws-proxy");
    }

    @Then("its voice status names the container app {string}")
    public void containerApp(String name) {
        String seen = Connectivity.containerAppName(net.api());
        verify.that(name.equals(seen), "container environment detection", "container_app_name " + name, String.valueOf(seen));
    }

    /** The first error's message, or null when the session opened. */
    private String awaitVoice(java.util.function.Predicate<VoiceMessage> first) {
        try (VoiceSocket socket = VoiceSocket.open(net.api(), "session-1-connectivity", scenario.target().bearerToken(), Duration.ofSeconds(10))) {
            int at = socket.await(0, first, VOICE_WAIT, "agent_switched or error");
            return socket.message(at).isError() ? socket.message(at).message() : null;
        }
    }

    private Target variantTarget() {
        Target t = scenario.target();
        return new Target(t.environment(), new dev.engram.harness.config.Endpoints(net.api(), null, null, null, null, null), t.backend(), t.bearerToken());
    }
}
