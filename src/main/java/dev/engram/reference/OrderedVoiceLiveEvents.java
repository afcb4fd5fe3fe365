package dev.engram.reference;

import com.azure.ai.voicelive.VoiceLiveSessionAsyncClient;
import com.azure.ai.voicelive.models.SessionUpdate;
import com.azure.ai.voicelive.models.SessionUpdateResponseAudioDelta;
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
    private static final JsonFactory TYPE_READER = new JsonFactory();

    private OrderedVoiceLiveEvents() {}

    /** The session's events in arrival order; the SDK's own (reordering) stream when this SDK has no raw one. */
    @SuppressWarnings("unchecked")
    static Flux<SessionUpdate> of(VoiceLiveSessionAsyncClient session) {
        if (RAW == null) {
            return session.receiveEvents();
        }
        Flux<BinaryData> frames;
        try {
            frames = (Flux<BinaryData>) RAW.invoke(session);
        } catch (ReflectiveOperationException e) {
            return session.receiveEvents();
        }
        return frames.publishOn(Schedulers.boundedElastic()).mapNotNull(OrderedVoiceLiveEvents::parse);
    }

    /**
     * One frame in the SDK's model. An audio delta, the frame every 100 ms of an answer arrives in, is read straight
     * into its own type: the SDK's {@code SessionUpdate.fromJson} first copies any event into a buffer to find its
     * {@code type}, which for a delta means its whole base64 audio.
     */
    static SessionUpdate parse(BinaryData frame) {
        String text = frame.toString();
        try (JsonReader reader = JsonProviders.createReader(text)) {
            return AUDIO_DELTA.equals(type(text)) ? SessionUpdateResponseAudioDelta.fromJson(reader) : SessionUpdate.fromJson(reader);
        } catch (Exception e) {
            LOG.warn("VoiceLive sent a frame the SDK's model cannot read; skipped: {}", e.getMessage());
            return null;
        }
    }

    /** The event's top-level {@code type}, read without materialising the other fields' values; null if none. */
    static String type(String frame) throws java.io.IOException {
        try (JsonParser parser = TYPE_READER.createParser(frame)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean isType = "type".equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (isType) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        }
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
