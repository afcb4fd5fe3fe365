package dev.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.simulator.voicelive.VoiceLiveSimulator;
import dev.engram.support.Json;
import dev.engram.testing.RealtimeEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A backend that declares a function tool gets a function call, then speaks the tool's output it sends back. */
class VoiceLiveToolsTest {

    @Test
    void aToolsTurnProducesTheFunctionCallEventsAndThenSpeaksTheOutput() throws Exception {
        try (VoiceLiveSimulator simulator = VoiceLiveSimulator.start("k")) {
            RealtimeEvents events = new RealtimeEvents();
            WebSocket ws = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().newWebSocketBuilder().subprotocols("realtime")
                    .header("api-key", "k").buildAsync(URI.create(simulator.endpoint().replace("http", "ws")
                            + "/voice-live/realtime?api-version=2026-07-15&model=gpt-realtime"), events.listener()).get(5, TimeUnit.SECONDS);
            ws.sendText("{\"type\":\"session.update\",\"session\":{\"tools\":[{\"type\":\"function\",\"name\":\"get_weather\","
                    + "\"description\":\"Weather for a city\",\"parameters\":{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}}}}]}}", true).join();
            events.next("session.updated");
            ws.sendText("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                    + "\"text\":\"What is the weather in Paris today?\"}]}}", true).join();
            ws.sendText("{\"type\":\"response.create\",\"response\":{\"modalities\":[\"text\",\"audio\"]}}", true).join();
            JsonNode added = events.next("response.output_item.added");
            assertEquals("function_call", added.path("item").path("type").asText(), added.toString());
            assertEquals("get_weather", added.path("item").path("name").asText());
            events.next("response.function_call_arguments.delta");
            JsonNode done = events.next("response.function_call_arguments.done");
            assertEquals("Paris", Json.parse(done.path("arguments").asText()).path("location").asText(), done.toString());
            String callId = done.path("call_id").asText();
            events.next("response.done");
            assertTrue(events.seen().stream().noneMatch(t -> t.equals("response.audio.delta")), "a function call is not spoken: " + events.seen());

            ws.sendText("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"function_call_output\",\"call_id\":\"" + callId
                    + "\",\"output\":\"18 degrees and sunny\"}}", true).join();
            ws.sendText("{\"type\":\"response.create\"}", true).join();
            JsonNode spoken = events.next("response.audio_transcript.done");
            assertTrue(spoken.path("transcript").asText().contains("18 degrees and sunny"), spoken.toString());
            ws.abort();
        }
    }
}
