package dev.engram.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.harness.client.ApiResponse;
import dev.engram.harness.client.Http;
import dev.engram.harness.client.VoiceSocket;
import dev.engram.harness.stack.EmbeddedStack;
import dev.engram.support.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based fuzzing of every input the stack takes from outside: the reference server's chat body, paths and
 * headers, the voice socket's frames, and the simulators' inputs (VoiceLive client events, gateway and Zep bodies).
 * Invariants: no 5xx but the documented gateway errors, never a stack trace or a secret in a body, every error is
 * JSON, the server still answers, and no voice session stays open. jqwik keeps failing seeds in its database
 * (.jqwik-database) and replays them first, so a failure becomes a regression case.
 */
class InputFuzzTest {
    private static EmbeddedStack stack;
    private static Map<String, String> secrets;

    @BeforeContainer
    static void start() {
        stack = EmbeddedStack.start();
        secrets = stack.backendVariables(true);
    }

    @AfterContainer
    static void stop() {
        stack.close();
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40);
        Arbitrary<String> jsonish = Arbitraries.of("{", "}", "[", "]", "\"", ":", ",", "null", "true", "1e999", "\"content\"", "\"agent_id\"",
                "\"session_id\"", "\"elena\"", "\\u0000", "{\"content\":", "\"\\ud800\"").list().ofMaxSize(12).map(parts -> String.join("", parts));
        Arbitrary<String> shaped = Arbitraries.oneOf(text, Arbitraries.integers().map(String::valueOf), Arbitraries.just("null"),
                Arbitraries.just("{}"), Arbitraries.just("[]")).map(v -> "{\"content\":" + quoteMaybe(v) + ",\"agent_id\":" + quoteMaybe(v) + "}");
        return Arbitraries.oneOf(text, jsonish, shaped);
    }

    @Property(tries = 150)
    void chatBodiesNeverBreakTheServer(@ForAll("bodies") String body) {
        ApiResponse reply = Http.post(stack.endpoints().api() + "/api/v1/chat", body);
        checkReply(reply, "POST /api/v1/chat " + body);
    }

    @Property(tries = 120)
    void pathsAndHeadersNeverBreakTheServer(@ForAll("paths") String path, @ForAll("headerValues") String header) {
        ApiResponse reply = Http.send(HttpRequest.newBuilder(URI.create(stack.endpoints().api() + path)).header("X-Fuzz", header).GET());
        checkReply(reply, "GET " + path);
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.oneOf(Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-_.~").ofMinLength(1).ofMaxLength(20),
                Arbitraries.of("%20", "%2F", "%00", "%C3%A9", "..", "%2e%2e", "a%0Ab"));
        return Arbitraries.oneOf(segment.map(s -> "/" + s), segment.map(s -> "/api/v1/voice/config/" + s),
                segment.map(s -> "/api/v1/" + s), Arbitraries.of("/health", "/api/v1/agents", "/api/v1/voice/status", "/connectivity/test"));
    }

    @Provide
    Arbitrary<String> headerValues() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(200);
    }

    @Property(tries = 60)
    void voiceFramesNeverBreakTheSocketsServer(@ForAll("frames") String frame) {
        try (VoiceSocket socket = VoiceSocket.open(stack.endpoints().api(), "session-1-fuzz", Optional.empty(), Duration.ofSeconds(10))) {
            socket.await(0, m -> m.is("agent_switched"), Duration.ofSeconds(15), "agent_switched");
            socket.send(frame);
            socket.sendJson(Map.of("type", "agent", "agent_id", "sage"));
            socket.await(0, m -> m.agentId().equals("sage") || m.isError(),
                    Duration.ofSeconds(15), "an answer after the fuzzed frame");
            socket.messagesFrom(0).forEach(m -> assertFalse(m.toString().matches("(?s).*(Exception|\\tat |\\.java:\\d+).*"), m.toString()));
        }
        assertTrue(awaitNoSession(), "active_sessions returns to 0");
    }

    @Provide
    Arbitrary<String> frames() {
        Arbitrary<String> type = Arbitraries.of("audio", "agent", "cancel", "dance", "", "AUDIO");
        Arbitrary<String> data = Arbitraries.oneOf(Arbitraries.strings().withCharRange('!', '~').ofMaxLength(64),
                Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=").ofMaxLength(64));
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(80),
                type.flatMap(t -> data.map(d -> "{\"type\":\"" + t + "\",\"data\":\"" + d + "\",\"agent_id\":\"" + d + "\"}")),
                data.map(d -> "{\"type\":\"audio\",\"data\":" + d + "}"));
    }

    @Property(tries = 100)
    void voiceLiveClientEventsNeverBreakTheSimulator(@ForAll("frames") String frame) throws Exception {
        String endpoint = stack.endpoints().voicelive().replace("http", "ws") + "/voice-live/realtime?api-version=2025-10-01&model=gpt-realtime";
        java.util.concurrent.LinkedBlockingQueue<JsonNode> events = new java.util.concurrent.LinkedBlockingQueue<>();
        var ws = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build().newWebSocketBuilder()
                .subprotocols("realtime").header("api-key", secrets.get("AZURE_VOICELIVE_KEY"))
                .buildAsync(URI.create(endpoint), dev.engram.testing.JsonFrames.to(events::add)).get(5, java.util.concurrent.TimeUnit.SECONDS);
        try {
            ws.sendText(frame.replace("\"audio\"", "\"input_audio_buffer.append\""), true).join();
            ws.sendText("{\"type\":\"session.update\",\"session\":{\"instructions\":\"x\"}}", true).join();
            JsonNode event;
            do {
                event = events.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                assertTrue(event != null, "the simulator answered after " + frame);
            } while (!event.path("type").asText().equals("session.updated"));
        } finally {
            ws.abort();
        }
    }

    @Property(tries = 100)
    void gatewayAndZepBodiesNeverBreakTheirSimulators(@ForAll("bodies") String body) {
        ApiResponse gateway = Http.send(HttpRequest.newBuilder(URI.create(stack.endpoints().gateway() + "/chat/completions"))
                .header("Content-Type", "application/json").header("api-key", secrets.get("AZURE_AI_KEY"))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertTrue(gateway.status() < 500, "gateway " + gateway.status() + " for " + body + ": " + gateway.body());
        ApiResponse zep = Http.post(stack.endpoints().zep() + "/api/v1/sessions/fuzz/memory", body);
        assertTrue(zep.status() < 500, "zep " + zep.status() + " for " + body + ": " + zep.body());
    }

    private static void checkReply(ApiResponse reply, String request) {
        assertTrue(reply.status() < 500 || reply.status() == 502 || reply.status() == 503 || reply.status() == 504,
                reply.status() + " for " + request + ": " + reply.body());
        assertFalse(reply.body().matches("(?s).*(Exception|\\tat |\\.java:\\d+|Traceback).*"), "a stack trace for " + request + ": " + reply.body());
        secrets.forEach((name, value) -> {
            if ((name.endsWith("_KEY") || name.endsWith("_SECRET")) && value.length() > 8) {
                assertFalse(reply.body().contains(value), name + " in the body for " + request);
            }
        });
        if (reply.status() >= 400) {
            JsonNode error = reply.json();
            assertTrue(error.has("detail") || error.has("error"), "a JSON error naming what was wrong for " + request + ": " + reply.body());
        }
        assertEquals(200, Http.get(stack.endpoints().api() + "/health").status(), "the server still answers after " + request);
    }

    private static boolean awaitNoSession() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Http.get(stack.endpoints().api() + "/api/v1/voice/status").json().path("active_sessions").asInt() == 0) {
                return true;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
        }
        return false;
    }

    private static String quoteMaybe(String v) {
        return v.equals("null") || v.matches("-?\\d+") || v.startsWith("{") || v.startsWith("[") ? v : Json.write(v);
    }
}
