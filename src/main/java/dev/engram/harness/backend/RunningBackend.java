package dev.engram.harness.backend;

/** An Engram backend the harness started and will stop: the in-repo reference server, a process or a container. */
public interface RunningBackend extends AutoCloseable {
    /** Its API base URL on loopback. */
    String url();

    @Override
    void close();
}
