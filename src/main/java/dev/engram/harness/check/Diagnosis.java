package dev.engram.harness.check;

import dev.engram.harness.client.Connectivity;
import dev.engram.harness.client.VoiceSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The WebSocket troubleshooting guide from the harness's side, against any Engram: DNS, TCP, TLS, the HTTP/1.1 upgrade
 * of the voice socket, the voice session behind it, session affinity, an idle connection, and the backend's own
 * connectivity test. Each step is timed; the first failure names the guide's likely cause and solution.
 */
public final class Diagnosis {
    /** One step's outcome: PASS, FAIL, WARN (good practice not met) or SKIP. */
    public record Step(String name, String outcome, long millis, String detail, String advice) {
        public String line() {
            return String.format("%-5s %-28s %6d ms  %s", outcome, name, millis, detail) + (advice == null ? "" : "\n      " + advice);
        }
    }

    private final URI api;
    private final Optional<String> token;
    private final Duration idle;
    private final List<Step> steps = new ArrayList<>();

    public Diagnosis(String api, Optional<String> token, Duration idle) {
        this.api = URI.create(api);
        this.token = token;
        this.idle = idle;
    }

    public List<Step> run() {
        int port = api.getPort() > 0 ? api.getPort() : api.getScheme().equals("https") ? 443 : 80;
        if (!step("DNS " + api.getHost(), "ws-dns", () -> InetAddress.getAllByName(api.getHost()).length + " address(es)")
                || !step("TCP " + api.getHost() + ":" + port, "ws-timeout", () -> tcp(port))) {
            return steps;
        }
        if (api.getScheme().equals("https") && !step("TLS", "ws-timeout", () -> tls(port))) {
            return steps;
        }
        String[] affinity = new String[1];
        if (!step("HTTP/1.1 GET /health", "ws-timeout", () -> health(affinity))) {
            return steps;
        }
        if (!step("voice socket upgrade + session", "ws-timeout", this::voiceSession)) {
            return steps;
        }
        steps.add(affinity[0] != null ? new Step("session affinity", "PASS", 0, "ingress cookie " + affinity[0], null)
                : new Step("session affinity", "WARN", 0, "no affinity cookie on the API's answers",
                        "guide Solutions 2: enable sticky sessions (Session Affinity) for consistent WebSocket connections"));
        if (idle.isZero()) {
            steps.add(new Step("idle connection", "SKIP", 0, "pass --idle SECONDS (e.g. 250, past the ingress's 240 s default)", null));
        } else {
            step("idle " + idle.toSeconds() + " s on the socket", "ws-timeout", this::idleSocket);
        }
        if (dev.engram.harness.client.Http.get(api.resolve("/connectivity/test").toString()).status() == 404) {
            steps.add(new Step("backend /connectivity/test", "SKIP", 0, "the backend has no connectivity test endpoint", null));
        } else {
            step("backend /connectivity/test", "ws-timeout", this::backendTest);
        }
        return steps;
    }

    public boolean passed() {
        return steps.stream().noneMatch(s -> s.outcome().equals("FAIL"));
    }

    private boolean step(String name, String row, Callable<String> probe) {
        long started = System.nanoTime();
        try {
            String detail = probe.call();
            steps.add(new Step(name, "PASS", elapsed(started), detail, null));
            return true;
        } catch (Exception | AssertionError e) {
            steps.add(new Step(name, "FAIL", elapsed(started), String.valueOf(e.getMessage()), "likely cause and solution: "
                    + Troubleshooting.row(row).advice()));
            return false;
        }
    }

    private String tcp(int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(api.getHost(), port), 5_000);
            return "connected";
        }
    }

    private String tls(int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) SSLSocketFactory.getDefault().createSocket(api.getHost(), port)) {
            socket.setSoTimeout(5_000);
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }

    private String health(String[] affinity) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(api.resolve("/health")).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        affinity[0] = r.headers().allValues("set-cookie").stream().filter(c -> c.matches("(?i)^(ARRAffinity|.*affinity|.*sticky).*"))
                .map(c -> c.split("=")[0]).findFirst().orElse(null);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode());
        }
        return "HTTP 200, status " + dev.engram.support.Json.parse(r.body()).path("status").asText("?");
    }

    private String voiceSession() {
        try (VoiceSocket socket = VoiceSocket.open(api.toString(), "session-" + System.currentTimeMillis() + "-diagnos", token, Duration.ofSeconds(10))) {
            int at = socket.await(0, m -> m.is("agent_switched") || m.isError(),
                    Duration.ofSeconds(40), "agent_switched or error");
            dev.engram.harness.client.VoiceMessage first = socket.message(at);
            if (first.isError()) {
                throw new IllegalStateException("the upgrade worked (101) but the voice session failed: " + first.message());
            }
            return "101 Switching Protocols, then agent_switched " + first.agentId();
        }
    }

    private String idleSocket() {
        try (VoiceSocket socket = VoiceSocket.open(api.toString(), "session-" + System.currentTimeMillis() + "-idletst", token, Duration.ofSeconds(10))) {
            boolean closed = socket.awaitClosed(idle);
            if (closed) {
                throw new IllegalStateException("the connection was closed while idle: " + socket.closeDescription());
            }
            return "still open after " + idle.toSeconds() + " s";
        }
    }

    private String backendTest() {
        Connectivity.Report report = Connectivity.report(api.toString());
        List<String> failing = report.checks().stream().filter(c -> !c.status().equals("OK"))
                .map(c -> c.name() + ": " + c.status() + " (" + c.latencyMs() + " ms, " + c.issue() + ")").toList();
        if (!failing.isEmpty()) {
            throw new IllegalStateException(String.join("; ", failing));
        }
        return report.checks().size() + " check(s) OK, voice link " + report.voiceLink().state();
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
