package dev.engram.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The reference server as built by Maven: its classes and runtime jars, to start as a process or pack as an image. */
final class ReferenceBuild {
    static final String MAIN = "dev.engram.reference.EngramMain";

    private ReferenceBuild() {}

    /** {@code target/classes} and the runtime jars, without the browser driver bundle the server never loads. */
    static List<Path> classpath() throws IOException {
        List<Path> entries = new ArrayList<>(List.of(Path.of("target/classes").toAbsolutePath()));
        Arrays.stream(Files.readString(Path.of("target/runtime-classpath.txt")).trim().split(java.io.File.pathSeparator))
                .map(Path::of).filter(p -> !p.getFileName().toString().startsWith("driver-bundle")).forEach(entries::add);
        return entries;
    }

    /** The command line that runs the reference server as its own JVM, for {@code --backend-cmd}. */
    static String command() throws IOException {
        String launcher = ProcessHandle.current().info().command().orElse("java");
        return launcher + " -cp '" + String.join(java.io.File.pathSeparator, classpath().stream().map(Path::toString).toList()) + "' " + MAIN;
    }
}
