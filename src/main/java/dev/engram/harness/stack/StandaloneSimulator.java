package dev.engram.harness.stack;

import dev.engram.simulator.cassette.CassetteRecorder;
import dev.engram.simulator.voicelive.VoiceLiveSimulator;
import java.nio.file.Path;

/**
 * One simulator started on its own, outside a stack: the VoiceLive recording proxy of {@code ./harness voicelive
 * record}, and the VoiceLive simulator the simulator benchmark loads. Closing it stops it.
 */
public record StandaloneSimulator(String endpoint, AutoCloseable running) implements AutoCloseable {

    /** A recording proxy in front of {@code upstream}, writing the cassette. */
    public static StandaloneSimulator voiceLiveRecorder(String upstream, Path cassette, boolean keepAudio) {
        CassetteRecorder recorder = CassetteRecorder.start(upstream, cassette, keepAudio);
        return new StandaloneSimulator(recorder.endpoint(), recorder);
    }

    /** The VoiceLive simulator alone, accepting {@code apiKey}, paced by {@code pacing}. */
    public static StandaloneSimulator voiceLive(String apiKey, String pacing) {
        VoiceLiveSimulator simulator = VoiceLiveSimulator.options().apiKey(apiKey).pacing(pacing).start();
        return new StandaloneSimulator(simulator.endpoint(), simulator);
    }

    @Override
    public void close() {
        try {
            running.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the simulator at " + endpoint + ": " + e.getMessage(), e);
        }
    }
}
