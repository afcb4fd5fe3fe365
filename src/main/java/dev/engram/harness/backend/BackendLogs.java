package dev.engram.harness.backend;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Where each started instance of a backend writes its output: {@code <stem>.log}, then {@code <stem>-2.log}, ... */
final class BackendLogs {
    private final Path folder;
    private final String stem;
    private final AtomicInteger started = new AtomicInteger();

    BackendLogs(Path folder, String stem) {
        this.folder = folder;
        this.stem = stem;
    }

    Path next() {
        int n = started.incrementAndGet();
        return folder.resolve(n == 1 ? stem + ".log" : stem + "-" + n + ".log");
    }

    Path folder() {
        return folder;
    }
}
