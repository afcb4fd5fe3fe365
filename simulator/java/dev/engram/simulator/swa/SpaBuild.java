package dev.engram.simulator.swa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The reference SPA's "build": a copy of its folder with {@code assets/config.js} holding the build-time
 * variables ({@code VITE_API_URL}, {@code VITE_WS_URL}), as Vite would inline them.
 */
public final class SpaBuild implements AutoCloseable {
    public static final Path SOURCE = Path.of(System.getProperty("engram.reference.spa", "simulator/reference-spa"));

    private final Path output;

    private SpaBuild(Path output) {
        this.output = output;
    }

    public static SpaBuild of(Path source, String apiUrl, String wsUrl) {
        try {
            Path out = Files.createTempDirectory("engram-spa-");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path target = out.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
            SpaBuild build = new SpaBuild(out);
            build.configure(apiUrl, wsUrl);
            return build;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the reference SPA from " + source, e);
        }
    }

    /** (Re)writes the build-time variables, e.g. once the API's address is known. */
    public void configure(String apiUrl, String wsUrl) {
        try {
            Files.createDirectories(output.resolve("assets"));
            Files.writeString(output.resolve("assets/config.js"), "window.ENGRAM_CONFIG = {\"VITE_API_URL\": " + quote(apiUrl)
                    + ", \"VITE_WS_URL\": " + quote(wsUrl) + "};\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the SPA's config.js", e);
        }
    }

    public Path folder() {
        return output;
    }

    private static String quote(String value) {
        return value == null ? "null" : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(output)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
