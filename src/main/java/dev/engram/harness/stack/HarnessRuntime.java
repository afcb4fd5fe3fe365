package dev.engram.harness.stack;

import dev.engram.harness.config.Target;
import java.util.Optional;

/**
 * The one place steps learn what they run against. The CLI installs a target before launching Cucumber; a plain
 * {@code mvn verify} finds none and gets the embedded stack, started once and stopped when the JVM exits.
 */
public final class HarnessRuntime {
    private static Target target;
    private static EmbeddedStack stack;

    private HarnessRuntime() {}

    public static synchronized void install(Target newTarget, EmbeddedStack embedded) {
        target = newTarget;
        stack = embedded;
    }

    public static synchronized void clear() {
        target = null;
        stack = null;
    }

    public static synchronized Target target() {
        if (target == null) {
            EmbeddedStack started = EmbeddedStack.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-stack-stop"));
            install(new Target("local", started.endpoints(), true, Optional.empty()), started);
        }
        return target;
    }

    /** The embedded stack, for scenarios that steer simulators; fails clearly when the target is deployed. */
    public static synchronized EmbeddedStack stack() {
        target();
        if (stack == null) {
            throw new IllegalStateException("this scenario steers the simulators, but the target " + target
                    + " is not the embedded stack (tag it @simulated so it is left out)");
        }
        return stack;
    }
}
