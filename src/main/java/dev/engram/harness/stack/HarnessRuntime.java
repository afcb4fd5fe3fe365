package dev.engram.harness.stack;

import dev.engram.harness.config.BackendUnderTest;
import dev.engram.harness.config.Target;

/**
 * Where steps learn what they run against. The CLI installs a target before launching Cucumber; a plain
 * {@code mvn verify} finds none and gets the embedded stack, started once and stopped when the JVM exits.
 */
public final class HarnessRuntime {
    private static Target target;
    private static EmbeddedStack stack;
    private static EntraAccess entra;

    private HarnessRuntime() {}

    public static synchronized void install(Target newTarget, EmbeddedStack embedded, EntraAccess entraAccess) {
        target = newTarget;
        stack = embedded;
        entra = entraAccess;
    }

    public static synchronized void clear() {
        target = null;
        stack = null;
        entra = null;
    }

    public static synchronized Target target() {
        if (target == null) {
            EmbeddedStack started = EmbeddedStack.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-stack-stop"));
            install(new Target("local", started.endpoints(), new BackendUnderTest("reference", started.launcher().describe()),
                    started.harnessToken()), started, started.entraAccess().orElse(null));
        }
        return target;
    }

    /** The simulators the backend under test is wired to; fails clearly when it is wired to none. */
    public static synchronized Simulators simulators() {
        return Simulators.of(target().endpoints()).orElseThrow(() -> new IllegalStateException("this scenario steers the simulators, but "
                + target + " is not wired to them (@simulated scenarios are left out of such runs)"));
    }

    /** How to sign in at the Entra ID fake the backend trusts, when the run has one (local or a serve's). */
    public static synchronized java.util.Optional<EntraAccess> entra() {
        target();
        return java.util.Optional.ofNullable(entra);
    }

    /** The stack this JVM started, if it started one. */
    public static synchronized java.util.Optional<EmbeddedStack> startedStack() {
        target();
        return java.util.Optional.ofNullable(stack);
    }

    /** The stack this JVM started, for scenarios that start a second backend or read the served SPA's config. */
    public static synchronized EmbeddedStack stack() {
        target();
        if (stack == null) {
            throw new IllegalStateException("this scenario needs a stack the harness started itself, but the target is " + target);
        }
        return stack;
    }
}
