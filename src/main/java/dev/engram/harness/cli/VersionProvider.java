package dev.engram.harness.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the build's version and the JVM it runs on. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"engram-conformance-harness " + dev.engram.harness.config.HarnessVersion.value(),
                "Java " + System.getProperty("java.version")};
    }
}
