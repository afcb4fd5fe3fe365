package dev.engram.harness.stack;

import dev.engram.harness.client.Chromium;
import dev.engram.harness.config.Target;
import dev.engram.harness.report.ExclusiveResources;
import java.util.Optional;

/**
 * What the scenarios of one run share: the target, the stack the harness started for it (if any), the Entra ID
 * fake's sign-in (if any), one browser and the {@link ExclusiveResources} that say which scenarios may overlap. Made
 * by whoever launches the features and handed to every scenario by constructor injection; closing it closes the
 * browser, never the stack (its owner closes that).
 */
public final class RunWorld implements AutoCloseable {
    private final Target target;
    private final EmbeddedStack stack;
    private final EntraAccess entra;
    private final Chromium browser = new Chromium();
    private final ExclusiveResources resources = new ExclusiveResources();

    public RunWorld(Target target, EmbeddedStack stack, EntraAccess entra) {
        this.target = target;
        this.stack = stack;
        this.entra = entra;
    }

    public Target target() {
        return target;
    }

    /** The simulators the backend under test is wired to; fails clearly when it is wired to none. */
    public Simulators simulators() {
        return Simulators.of(target.endpoints()).orElseThrow(() -> new IllegalStateException("this scenario steers the simulators, but "
                + target + " is not wired to them (@simulated scenarios are left out of such runs)"));
    }

    /** How to sign in at the Entra ID fake the backend trusts, when the run has one (local or a serve's). */
    public Optional<EntraAccess> entra() {
        return Optional.ofNullable(entra);
    }

    /** The stack this run started, if it started one. */
    public Optional<EmbeddedStack> startedStack() {
        return Optional.ofNullable(stack);
    }

    /** The stack this run started, for scenarios that start a second backend or read the served SPA's config. */
    public EmbeddedStack stack() {
        if (stack == null) {
            throw new IllegalStateException("this scenario needs a stack the harness started itself, but the target is " + target);
        }
        return stack;
    }

    /** The run's browser, started on first use. */
    public Chromium browser() {
        return browser;
    }

    /** The resources scenarios take turns on when the run lets them overlap. */
    public ExclusiveResources resources() {
        return resources;
    }

    @Override
    public void close() {
        browser.close();
    }
}
