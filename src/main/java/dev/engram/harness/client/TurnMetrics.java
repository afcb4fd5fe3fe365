package dev.engram.harness.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Per-turn voice latency as the browser sees it, from the voice socket's arrival and send times. A turn starts at the
 * user's {@code listening}; its end of speech is the {@code processing} status without text (VoiceLive's
 * speech_stopped) or, without one, the last audio frame sent. For an interrupted answer, time to silence runs from
 * the interrupting {@code listening} to the last assistant audio the browser still received; the audio the browser had
 * received of the interrupted answer is {@code audio_heard_ms}, and {@code truncated_at_ms} is the {@code audio_end_ms}
 * of the backend's {@code conversation.item.truncate} to VoiceLive for it (absent: the backend did not truncate, so
 * VoiceLive's transcript keeps words the user never heard).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TurnMetrics(
        int turn,
        @JsonProperty("speech_end_to_transcript_ms") Long transcriptMs,
        @JsonProperty("speech_end_to_first_audio_ms") Long firstAudioMs,
        @JsonProperty("speech_end_to_response_end_ms") Long responseEndMs,
        @JsonProperty("time_to_silence_ms") Long timeToSilenceMs,
        @JsonProperty("audio_bytes_after_cancel") Long audioBytesAfterCancel,
        @JsonProperty("audio_heard_ms") Long audioHeardMs,
        @JsonProperty("truncated_at_ms") Long truncatedAtMs) {

    public static List<TurnMetrics> of(List<VoiceSocket.Received> received, List<VoiceSocket.Sent> sent) {
        return of(received, sent, List.of());
    }

    /** @param truncations the {@code audio_end_ms} of each truncate VoiceLive received, in order, one per interrupted turn */
    public static List<TurnMetrics> of(List<VoiceSocket.Received> received, List<VoiceSocket.Sent> sent, List<Long> truncations) {
        int interrupted = 0;
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < received.size(); i++) {
            if (status(received.get(i), "listening")) {
                starts.add(i);
            }
        }
        List<TurnMetrics> turns = new ArrayList<>();
        for (int t = 0; t < starts.size(); t++) {
            int from = starts.get(t);
            int to = t + 1 < starts.size() ? starts.get(t + 1) : received.size();
            Long speechEnd = speechEnd(received, from, to, sent);
            if (speechEnd == null) {
                continue;
            }
            Long transcript = first(received, from, to, m -> status(m, "complete") && m.message().fromUser());
            Long firstAudio = first(received, from, to, m -> isAudio(m) && m.nanos() >= speechEnd);
            Long lastAudio = last(received, from, to, TurnMetrics::isAudio);
            Long silence = null;
            Long afterCancel = null;
            Long heard = null;
            Long truncated = null;
            if (t + 1 < starts.size() && lastAudio != null) {
                heard = received.subList(from, to).stream().filter(TurnMetrics::isAudio)
                        .mapToLong(m -> Base64.getDecoder().decode(m.message().data()).length).sum() / dev.engram.audio.Pcm16.BYTES_PER_MS;
                truncated = interrupted < truncations.size() ? truncations.get(interrupted) : null;
                interrupted++;
                long interrupt = received.get(to).nanos();
                int nextEnd = speechEndIndex(received, to, t + 2 < starts.size() ? starts.get(t + 2) : received.size());
                Long tail = last(received, to, nextEnd, TurnMetrics::isAudio);
                silence = ms((tail != null ? tail : interrupt) - interrupt);
                Long cancel = sent.stream().filter(s -> s.type().equals("cancel") && s.nanos() >= received.get(from).nanos()
                        && s.nanos() <= received.get(Math.min(nextEnd, received.size() - 1)).nanos()).map(VoiceSocket.Sent::nanos).findFirst().orElse(null);
                if (cancel != null) {
                    afterCancel = received.subList(from, nextEnd).stream().filter(m -> isAudio(m) && m.nanos() > cancel)
                            .mapToLong(m -> Base64.getDecoder().decode(m.message().data()).length).sum();
                }
            }
            turns.add(new TurnMetrics(turns.size() + 1, since(transcript, speechEnd), since(firstAudio, speechEnd), since(lastAudio, speechEnd), silence, afterCancel, heard, truncated));
        }
        return turns;
    }

    /** The {@code audio_end_ms} of a {@code conversation.item.truncate} frame's text; -1 when unreadable. */
    public static Long audioEndMs(String frame) {
        try {
            return dev.engram.support.Json.parse(frame).path("audio_end_ms").asLong(-1);
        } catch (Exception e) {
            return -1L;
        }
    }

    private static Long speechEnd(List<VoiceSocket.Received> received, int from, int to, List<VoiceSocket.Sent> sent) {
        int index = speechEndIndex(received, from, to);
        if (index < to) {
            return received.get(index).nanos();
        }
        long start = received.get(from).nanos();
        long end = to < received.size() ? received.get(to).nanos() : Long.MAX_VALUE;
        return sent.stream().filter(s -> s.type().equals("audio") && s.nanos() >= start && s.nanos() < end)
                .map(VoiceSocket.Sent::nanos).reduce((a, b) -> b).orElse(null);
    }

    private static int speechEndIndex(List<VoiceSocket.Received> received, int from, int to) {
        for (int i = from; i < to; i++) {
            if (status(received.get(i), "processing") && received.get(i).message().raw().path("text").isMissingNode()) {
                return i;
            }
        }
        return to;
    }

    private static boolean status(VoiceSocket.Received m, String status) {
        return m.message().is("transcription") && m.message().status().equals(status);
    }

    private static boolean isAudio(VoiceSocket.Received m) {
        return m.message().isAudio();
    }

    private static Long first(List<VoiceSocket.Received> received, int from, int to, java.util.function.Predicate<VoiceSocket.Received> test) {
        return received.subList(from, to).stream().filter(test).map(VoiceSocket.Received::nanos).findFirst().orElse(null);
    }

    private static Long last(List<VoiceSocket.Received> received, int from, int to, java.util.function.Predicate<VoiceSocket.Received> test) {
        return received.subList(from, Math.min(to, received.size())).stream().filter(test).map(VoiceSocket.Received::nanos).reduce((a, b) -> b).orElse(null);
    }

    /** Milliseconds from the end of speech; null when the event is missing or came before it (no such latency). */
    private static Long since(Long at, long start) {
        return at == null || at < start ? null : ms(at - start);
    }

    private static long ms(long nanos) {
        return Math.max(0, nanos / 1_000_000);
    }
}
