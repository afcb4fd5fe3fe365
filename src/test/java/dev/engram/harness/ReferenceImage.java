package dev.engram.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * Builds a container image of the reference server from what is on this machine, with no registry: a runtime made
 * by {@code jlink}, the shared libraries {@code ldd} names for it, the server's classes and jars, {@code FROM scratch}.
 */
final class ReferenceImage {
    static final String NAME = "engram-reference:harness-test";
    private static final String MODULES = "java.base,java.logging,java.net.http,java.naming,java.sql,java.xml,java.management,"
            + "java.instrument,java.desktop,java.scripting,java.security.jgss,java.security.sasl,jdk.crypto.ec,jdk.unsupported,"
            + "jdk.zipfs,jdk.net,jdk.httpserver,java.compiler,java.rmi,java.transaction.xa,jdk.jfr,jdk.management";

    private ReferenceImage() {}

    static String build(Path work) throws Exception {
        Path context = Files.createDirectories(work.resolve("context"));
        Path jre = context.resolve("opt/jre");
        run("jlink", "--add-modules", MODULES, "--strip-debug", "--no-header-files", "--no-man-pages", "--output", jre.toString());
        for (String library : sharedLibraries(jre)) {
            Path target = context.resolve(library.substring(1));
            Files.createDirectories(target.getParent());
            Files.copy(Path.of(library), target, StandardCopyOption.REPLACE_EXISTING);
        }
        Path lib = Files.createDirectories(context.resolve("app/lib"));
        for (Path entry : ReferenceBuild.classpath()) {
            if (Files.isDirectory(entry)) {
                copyTree(entry, context.resolve("app/classes"));
            } else {
                Files.copy(entry, lib.resolve(entry.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(context.resolve("Dockerfile"), String.join("\n",
                "FROM scratch",
                "COPY . /",
                "ENTRYPOINT [\"/opt/jre/bin/java\", \"-cp\", \"/app/classes:/app/lib/*\", \"" + ReferenceBuild.MAIN + "\"]", ""));
        return new ImageFromDockerfile(NAME, false).withFileFromPath(".", context).get(10, TimeUnit.MINUTES);
    }

    /** Every library the runtime's executables and libraries link against, and the dynamic loader. */
    private static Set<String> sharedLibraries(Path jre) throws Exception {
        Set<String> libraries = new LinkedHashSet<>();
        List<Path> binaries;
        try (Stream<Path> files = Files.walk(jre)) {
            binaries = files.filter(p -> p.toString().endsWith(".so") || p.equals(jre.resolve("bin/java"))).toList();
        }
        for (Path binary : binaries) {
            for (String line : run("ldd", binary.toString()).split("\n")) {
                String[] parts = line.trim().split("\\s+");
                for (String part : parts) {
                    if (part.startsWith("/") && !Path.of(part).normalize().startsWith(jre) && Files.exists(Path.of(part))) {
                        libraries.add(Path.of(part).toRealPath().toString());
                        libraries.add(part);
                    }
                }
            }
        }
        return libraries;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
