package dev.engram.harness.stack;

import dev.engram.simulator.swa.SpaBuild;
import dev.engram.simulator.swa.SwaEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * The reference SPA built with an {@code https://} API URL (on a loopback port nothing listens on), served through the
 * Static Web Apps emulator: the socket the SPA opens shows whether it turns https into wss.
 */
public final class HttpsApiSpa implements AutoCloseable {
    private final SpaBuild build;
    private final SwaEmulator emulator;

    private HttpsApiSpa(SpaBuild build, SwaEmulator emulator) {
        this.build = build;
        this.emulator = emulator;
    }

    public static HttpsApiSpa start(String api) {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SpaBuild build = SpaBuild.of(SpaBuild.SOURCE, "", "https://127.0.0.1:" + closed);
        return new HttpsApiSpa(build, SwaEmulator.start(build.folder(), api));
    }

    public String url() {
        return emulator.url();
    }

    @Override
    public void close() throws Exception {
        emulator.close();
        build.close();
    }
}
