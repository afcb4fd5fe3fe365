package dev.engram.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.azure.ai.voicelive.VoiceLiveClientBuilder;
import com.azure.ai.voicelive.VoiceLiveSessionAsyncClient;
import com.azure.ai.voicelive.models.AzureStandardVoice;
import com.azure.ai.voicelive.models.InputTextContentPart;
import com.azure.ai.voicelive.models.InteractionModality;
import com.azure.ai.voicelive.models.SessionUpdateResponseAudioDelta;
import com.azure.ai.voicelive.models.SessionUpdateResponseDone;
import com.azure.ai.voicelive.models.UserMessageItem;
import com.azure.ai.voicelive.models.VoiceLiveSessionOptions;
import com.azure.core.credential.KeyCredential;
import com.azure.core.util.BinaryData;
import dev.engram.simulator.voicelive.VoiceLiveSimulator;
import dev.engram.support.Waits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reference server reads VoiceLive's events in the order they were sent, parsed by the SDK's own model. */
class OrderedVoiceLiveEventsTest {
    private final VoiceLiveSimulator simulator = VoiceLiveSimulator.start("sdk-key");

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aWholeSpokenAnswerArrivesInTheOrderItWasSent() {
        VoiceLiveSessionAsyncClient session = new VoiceLiveClientBuilder().endpoint(simulator.endpoint()).credential(new KeyCredential("sdk-key"))
                .buildAsyncClient().startSession("gpt-realtime").block(Duration.ofSeconds(10));
        List<OrderedVoiceLiveEvents.Event> events = new CopyOnWriteArrayList<>();
        OrderedVoiceLiveEvents.of(session).subscribe(events::add);
        session.configureSession(new VoiceLiveSessionOptions().setModalities(List.of(InteractionModality.TEXT, InteractionModality.AUDIO))
                .setVoice(BinaryData.fromObject(new AzureStandardVoice("en-US-Ava:DragonHDLatestNeural")))).block(Duration.ofSeconds(10));
        session.addItem(new UserMessageItem(List.of(new InputTextContentPart("What is the capital of France?")))).block(Duration.ofSeconds(10));
        session.startResponse().block(Duration.ofSeconds(10));
        Waits.until(() -> events.stream().anyMatch(e -> e.type().equals("response.done")), Boolean::booleanValue, Duration.ofSeconds(20));

        List<Integer> sent = events.stream().map(e -> Integer.parseInt(eventId(e).replaceAll("\\D", ""))).toList();
        assertEquals(sent.stream().sorted().toList(), sent, "the simulator numbers its events as it sends them");
        assertEquals(true, events.stream().filter(OrderedVoiceLiveEvents.AudioDelta.class::isInstance).count() > 5, "a spoken answer: " + events.size() + " events");
        session.closeAsync().block(Duration.ofSeconds(5));
    }

    @Test
    void anUnreadableFrameIsSkippedAndAReadableOneParsesToItsType() {
        assertNull(OrderedVoiceLiveEvents.parse(BinaryData.fromString("{not json")));
        assertNull(OrderedVoiceLiveEvents.parse(BinaryData.fromString("[]")));
        OrderedVoiceLiveEvents.Modelled done = assertInstanceOf(OrderedVoiceLiveEvents.Modelled.class, OrderedVoiceLiveEvents.parse(BinaryData.fromString(
                "{\"type\":\"response.done\",\"event_id\":\"event_1\",\"response\":{\"id\":\"resp_1\",\"object\":\"realtime.response\",\"status\":\"completed\"}}")));
        assertInstanceOf(SessionUpdateResponseDone.class, done.update());
    }

    private static String eventId(OrderedVoiceLiveEvents.Event event) {
        return event instanceof OrderedVoiceLiveEvents.AudioDelta audio ? audio.eventId() : ((OrderedVoiceLiveEvents.Modelled) event).update().getEventId();
    }

    @Test
    void anAudioDeltaKeepsItsBase64WhereverItsTypeFieldStands() throws Exception {
        String delta = "{\"delta\":\"AAECAw==\",\"event_id\":\"event_7\",\"response_id\":\"resp_1\",\"item_id\":\"item_1\","
                + "\"output_index\":0,\"content_index\":0,\"type\":\"response.audio.delta\"}";
        assertEquals(new OrderedVoiceLiveEvents.AudioDelta("event_7", "AAECAw=="), OrderedVoiceLiveEvents.parse(BinaryData.fromString(delta)));
        assertNull(OrderedVoiceLiveEvents.audioDelta("{\"event\":{\"type\":\"response.audio.delta\",\"delta\":\"AAAA\"}}"),
                "a nested type is not the event's");
        assertNull(OrderedVoiceLiveEvents.audioDelta("{\"type\":\"response.text.delta\",\"delta\":\"AAAA\"}"), "a text delta is not audio");
    }

    @Test
    void anAudioDeltaThatIsNotPlainBase64IsNeverPassedThrough() {
        String quoted = "{\"type\":\"response.audio.delta\",\"event_id\":\"event_8\",\"delta\":\"AA\\\"}\"}";
        assertFalse(OrderedVoiceLiveEvents.parse(BinaryData.fromString(quoted)) instanceof OrderedVoiceLiveEvents.AudioDelta,
                "a delta holding a quote would break the browser's JSON if relayed as it is");
    }
}
