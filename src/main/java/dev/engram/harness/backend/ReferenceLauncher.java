package dev.engram.harness.backend;

import dev.engram.reference.AuditLog;
import dev.engram.reference.EngramServer;
import dev.engram.reference.EngramSettings;
import java.util.Map;

/** The in-repo reference Engram server, in this JVM. */
public final class ReferenceLauncher implements BackendLauncher {

    /** The reference server as a running backend; its audit log can be read in-process. */
    public record Reference(EngramServer server) implements RunningBackend {
        @Override
        public String url() {
            return server.url();
        }

        public AuditLog auditLog() {
            return server.auditLog();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    @Override
    public RunningBackend start(Map<String, String> environment, int port) {
        return new Reference(EngramServer.start(EngramSettings.fromEnvironment(environment), port));
    }

    @Override
    public String describe() {
        return "the in-repo reference Engram server";
    }

    @Override
    public String kind() {
        return "reference";
    }
}
