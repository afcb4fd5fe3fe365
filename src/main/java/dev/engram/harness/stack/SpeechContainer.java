package dev.engram.harness.stack;

import dev.engram.simulator.speech.SpeechContainerSimulator;
import java.nio.file.Path;

/** A Speech-to-text container simulator for a scenario in container mode (the guide's Solutions 5); closed after it. */
public final class SpeechContainer implements AutoCloseable {
    private final SpeechContainerSimulator simulator;

    private SpeechContainer(SpeechContainerSimulator simulator) {
        this.simulator = simulator;
    }

    public static SpeechContainer start() {
        return new SpeechContainer(SpeechContainerSimulator.start(Path.of("audio-fixtures")));
    }

    /** The value for {@code SPEECH_CONTAINER_HOST}. */
    public String host() {
        return simulator.host();
    }

    @Override
    public void close() {
        simulator.close();
    }
}
