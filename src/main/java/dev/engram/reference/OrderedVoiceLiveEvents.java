package dev.engram.reference;

import com.azure.ai.voicelive.VoiceLiveSessionAsyncClient;
import com.azure.ai.voicelive.models.SessionUpdate;
import com.azure.core.util.BinaryData;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * VoiceLive's server events in the order they arrived. The SDK's {@code receiveEvents()} parses every frame on a worker
 * thread of its own ({@code flatMap} over {@code subscribeOn(boundedElastic)}), so frames that arrive back to back can
 * come out swapped: audio deltas out of order, a transcript before {@code speech_started}. This reads the session's
 * raw frames, which the SDK keeps in arrival order, and parses them one after another with the SDK's own model. An
 * unreadable frame is logged and skipped; the SDK's own parse would end the stream there.
 */
final class OrderedVoiceLiveEvents {
    private static final Logger LOG = LoggerFactory.getLogger(OrderedVoiceLiveEvents.class);
    private static final Method RAW = rawFrames();
    private static final String AUDIO_DELTA = "response.audio.delta";
    private static final JsonFactory READER = new JsonFactory();

    private OrderedVoiceLiveEvents() {}

    /**
     * One server event: the SDK's model of it, or, for an audio delta (the frame every 100 ms of an answer arrives in),
     * its audio as the base64 it arrived in, which the browser takes as it is. Decoding it in the SDK and encoding it
     * again for the browser was a tenth of a loaded voice stack's CPU.
     */
    sealed interface Event {
        String type();
    }

    /** Any event but an audio delta, in the SDK's model. */
    record Modelled(SessionUpdate update) implements Event {
        @Override
        public String type() {
            return update.getType().toString();
        }
    }

    /** {@code response.audio.delta}: its event id and its audio, base64 checked to need no JSON escaping. */
    record AudioDelta(String eventId, String base64) implements Event {
        @Override
        public String type() {
            return AUDIO_DELTA;
        }
    }

    /** The session's events in arrival order; the SDK's own (reordering) stream when this SDK has no raw one. */
    @SuppressWarnings("unchecked")
    static Flux<Event> of(VoiceLiveSessionAsyncClient session) {
        if (RAW == null) {
            return session.receiveEvents().map(Modelled::new);
        }
        Flux<BinaryData> frames;
        try {
            frames = (Flux<BinaryData>) RAW.invoke(session);
        } catch (ReflectiveOperationException e) {
            return session.receiveEvents().map(Modelled::new);
        }
        return frames.publishOn(Schedulers.boundedElastic()).mapNotNull(OrderedVoiceLiveEvents::parse);
    }

    /** One frame; null (logged) when neither this reader nor the SDK's model can read it. */
    static Event parse(BinaryData frame) {
        String text = frame.toString();
        try {
            AudioDelta audio = audioDelta(text);
            if (audio != null) {
                return audio;
            }
            try (JsonReader reader = JsonProviders.createReader(text)) {
                return new Modelled(SessionUpdate.fromJson(reader));
            }
        } catch (Exception e) {
            LOG.warn("VoiceLive sent a frame the SDK's model cannot read; skipped: {}", e.getMessage());
            return null;
        }
    }

    /**
     * The frame as an audio delta whose delta is plain base64, or null for any other frame. It reads the top-level
     * fields one after another and stops at a {@code type} that is not an audio delta, so another event (which the
     * SDK's model reads next) is mostly not read twice.
     */
    static AudioDelta audioDelta(String frame) throws java.io.IOException {
        String type = null;
        String eventId = null;
        String delta = null;
        try (JsonParser parser = READER.createParser(frame)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new java.io.IOException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME && (type == null || type.equals(AUDIO_DELTA))) {
                String name = parser.currentName();
                boolean text = parser.nextToken() == JsonToken.VALUE_STRING;
                switch (text ? name : "") {
                    case "type" -> type = parser.getText();
                    case "event_id" -> eventId = parser.getText();
                    case "delta" -> delta = parser.getText();
                    default -> parser.skipChildren();
                }
            }
        }
        boolean plain = AUDIO_DELTA.equals(type) && delta != null && Base64Text.decodedLength(delta) >= 0;
        return plain ? new AudioDelta(eventId, delta) : null;
    }

    private static Method rawFrames() {
        try {
            Method receive = VoiceLiveSessionAsyncClient.class.getDeclaredMethod("receive");
            receive.setAccessible(true);
            return receive;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("this VoiceLive SDK has no raw frame stream; its events may arrive reordered");
            return null;
        }
    }
}
