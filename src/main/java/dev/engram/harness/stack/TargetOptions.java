package dev.engram.harness.stack;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The command-line choices that say what a run is pointed at, shared by gate, load and serve.
 *
 * @param environment the SOP environment whose rules apply
 * @param api a running Engram's URL, or null
 * @param web a Static Web App's URL, or null
 * @param local rehearse the environment on the embedded stack even when a URL is configured
 * @param stackAs configure the stack as this environment instead
 * @param webDist a built SPA to serve through the Static Web Apps emulator
 * @param backendCommand a backend to start as a child process, wired to the simulators
 * @param backendImage a backend to start as a container image, wired to the simulators
 * @param stackFile a running {@code ./harness serve}'s ready line, whose simulators {@code api} is wired to
 * @param backendTimeout how long a started backend may take to answer {@code /health}
 * @param logFolder where a started backend's output goes
 * @param voiceLiveReplay a cassette to play as VoiceLive instead of the simulator, or null
 * @param voiceLiveRecord a cassette to record of the backend's VoiceLive sessions with the simulator, or null
 */
public record TargetOptions(
        String environment, String api, String web, boolean local, String stackAs, Path webDist,
        String backendCommand, String backendImage, Path stackFile, Duration backendTimeout, Path logFolder,
        Path voiceLiveReplay, Path voiceLiveRecord) {

    public static TargetOptions embedded(String environment) {
        return new TargetOptions(environment, null, null, true, null, null, null, null, null, Duration.ofSeconds(60), Path.of("reports"), null, null);
    }

    public boolean startsBackend() {
        return backendCommand != null || backendImage != null;
    }
}
