package dev.engram.harness.stack;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.engram.harness.config.Endpoints;
import dev.engram.support.Json;
import dev.engram.support.Waits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The simulators a run steers and inspects, through their admin HTTP routes. The same facade serves the embedded
 * stack, a backend the harness started ({@code --backend-cmd}, {@code --backend-image}) and a running
 * {@code ./harness serve} ({@code --api URL --stack FILE}): scenarios never reach into a simulator's memory.
 */
public final class Simulators {
    private static final Duration ZEP_WRITE_WITHIN = Duration.ofSeconds(5);

    /** One chat-completions request the gateway simulator answered (or refused). */
    public record GatewayCall(String path, String model, String systemPrompt, String question, int status, String ruleId, List<String> earlierUserTurns) {}

    /** One frame in or out of a VoiceLive realtime session; audio frames carry their size only. */
    public record VoiceLiveFrame(String session, String direction, String type, Instant at, int bytes, String text) {
        public boolean in() {
            return direction.equals("IN");
        }
    }

    /** One request the Zep simulator answered. */
    public record ZepCall(String method, String path, int status) {}

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String gateway;
    private final String zep;
    private final String voiceLive;

    private Simulators(Endpoints endpoints) {
        this.gateway = root(endpoints.gateway());
        this.zep = root(endpoints.zep());
        this.voiceLive = root(endpoints.voicelive());
    }

    /** The simulators behind these endpoints, when the run has them (a deployed target has none). */
    public static Optional<Simulators> of(Endpoints endpoints) {
        return endpoints.gateway() == null || endpoints.zep() == null || endpoints.voicelive() == null
                ? Optional.empty() : Optional.of(new Simulators(endpoints));
    }

    public void armGatewayFault(String name) {
        send("POST", gateway + "/__admin/fault/" + name, "the gateway fault " + name);
    }

    public void armZepFault(String name) {
        send("POST", zep + "/__admin/fault/" + name, "the Zep fault " + name);
    }

    /** Arms a server event VoiceLive sends in the middle of the next response ({@code simulator/data/voicelive/faults.json}). */
    public void armVoiceLiveFault(String name) {
        send("POST", voiceLive + "/__admin/fault/" + name, "the VoiceLive fault " + name);
    }

    /** Disarms every fault and puts VoiceLive back to fast pacing: nothing leaks into the next scenario. */
    public void reset() {
        send("DELETE", gateway + "/__admin/fault", "clearing gateway faults");
        send("DELETE", zep + "/__admin/fault", "clearing Zep faults");
        send("DELETE", voiceLive + "/__admin/fault", "clearing VoiceLive faults");
        voicePacing("fast");
    }

    public void voicePacing(String profile) {
        send("POST", voiceLive + "/__admin/pacing/" + profile, "the VoiceLive pacing " + profile);
    }

    public List<GatewayCall> gatewayCalls() {
        return gatewayCallsFrom(0);
    }

    /** The gateway's requests from the {@code from}-th on (a scenario's own, given the count at its start). */
    public List<GatewayCall> gatewayCallsFrom(int from) {
        return read(gateway + "/__admin/calls?from=" + from, new TypeReference<>() {});
    }

    public int gatewayCallCount() {
        return callCount(gateway);
    }

    /** Every request the Zep simulator has journalled, including those its ring no longer holds. */
    public int zepCallCount() {
        return callCount(zep);
    }

    private int callCount(String simulator) {
        return read(simulator + "/__admin/calls/count", new TypeReference<Map<String, Integer>>() {}).get("count");
    }

    public List<ZepCall> zepCalls() {
        return read(zep + "/__admin/calls", new TypeReference<>() {});
    }

    /** A Zep session's messages, oldest first, as {@code role: content}. */
    public List<String> zepTranscript(String session) {
        return read(zep + "/__admin/transcript/" + session, new TypeReference<>() {});
    }

    /**
     * A Zep session's messages once they pass {@code holds}, or as last read after 5 s: a backend may write to Zep
     * after it answers (its calls are best-effort, SOP 1.1), so a write is given that long to land.
     */
    public List<String> zepTranscriptOnce(String session, Predicate<List<String>> holds) {
        return Waits.until(() -> zepTranscript(session), holds, ZEP_WRITE_WITHIN);
    }

    /** VoiceLive's frames logged at or after {@code since} (a scenario's start), oldest first. */
    public List<VoiceLiveFrame> voiceLiveLog(Instant since) {
        return read(voiceLive + "/__admin/log?since=" + since, new TypeReference<>() {});
    }

    private static String root(String url) {
        URI uri = URI.create(url.replaceFirst("^ws", "http"));
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private static void send(String method, String url, String what) {
        HttpResponse<String> r = exchange(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()), what);
        if (r.statusCode() >= 300) {
            throw new IllegalArgumentException(what + ": the simulator answered " + r.statusCode() + " " + r.body());
        }
    }

    private static <T> T read(String url, TypeReference<T> type) {
        HttpResponse<String> r = exchange(HttpRequest.newBuilder(URI.create(url)).GET(), url);
        try {
            return Json.MAPPER.readValue(r.body(), type);
        } catch (Exception e) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + " with no readable JSON", e);
        }
    }

    private static HttpResponse<String> exchange(HttpRequest.Builder request, String what) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot reach the simulator for " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while steering the simulators", e);
        }
    }
}
