package dev.engram.harness.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/** {@code reports/<env>/<run-id>/}, and {@code reports/<env>/latest} pointing at the newest run. */
public final class ReportFolders {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private ReportFolders() {}

    public static Path newRun(Path root, String environment) throws IOException {
        String id = STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-"
                + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
        return Files.createDirectories(root.resolve(environment).resolve(id));
    }

    /** A relative symlink where the file system allows one, else a copy. */
    public static void markLatest(Path root, String environment, Path run) throws IOException {
        Path latest = root.resolve(environment).resolve("latest");
        deleteRecursively(latest);
        try {
            Files.createSymbolicLink(latest, run.getFileName());
        } catch (IOException | UnsupportedOperationException e) {
            copy(run, latest);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.isSymbolicLink(path) || !Files.exists(path)) {
            Files.deleteIfExists(path);
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }
}
