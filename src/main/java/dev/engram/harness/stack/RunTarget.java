package dev.engram.harness.stack;

import dev.engram.harness.backend.BackendLauncher;
import dev.engram.harness.backend.CommandLauncher;
import dev.engram.harness.backend.ImageLauncher;
import dev.engram.harness.config.BackendUnderTest;
import dev.engram.harness.config.Endpoints;
import dev.engram.harness.config.EnvironmentProfile;
import dev.engram.harness.config.Environments;
import dev.engram.harness.config.Target;
import dev.engram.harness.config.TargetResolver;
import dev.engram.simulator.swa.SwaEmulator;
import java.util.Map;
import java.util.Optional;

/**
 * One resolved target and what the harness started for it: the embedded stack (with the reference server, a
 * command or an image as the backend under test), a running serve's simulators, or a deployed environment. Gate,
 * load and serve all resolve their target here. Closing stops whatever was started.
 */
public final class RunTarget implements AutoCloseable {
    private final Target target;
    private final EmbeddedStack stack;
    private final EntraAccess entra;
    private final SwaEmulator distServer;

    private RunTarget(Target target, EmbeddedStack stack, EntraAccess entra, SwaEmulator distServer) {
        this.target = target;
        this.stack = stack;
        this.entra = entra;
        this.distServer = distServer;
    }

    public static RunTarget resolve(TargetOptions o, Map<String, String> env, Map<String, String> stackVariables) {
        Environments.require(o.environment());
        if (o.backendCommand() != null && o.backendImage() != null) {
            throw new IllegalArgumentException("choose one of --backend-cmd and --backend-image");
        }
        if (o.startsBackend() && (o.api() != null || o.stackFile() != null)) {
            throw new IllegalArgumentException("--backend-cmd/--backend-image start the backend under test; leave out --api and --stack");
        }
        if ((o.voiceLiveReplay() != null || o.voiceLiveRecord() != null) && (o.api() != null || o.stackFile() != null)) {
            throw new IllegalArgumentException("--voicelive-replay and --voicelive-record wire the embedded stack's backend; leave out --api and --stack");
        }
        if (o.voiceLiveReplay() != null && o.voiceLiveRecord() != null) {
            throw new IllegalArgumentException("choose one of --voicelive-replay and --voicelive-record");
        }
        if (o.stackFile() != null) {
            return attached(o, env);
        }
        Optional<Target> deployed = o.local() || o.startsBackend() ? Optional.empty()
                : new TargetResolver(env).deployed(o.environment(), o.api(), o.web());
        if (deployed.isPresent()) {
            return deployed(o, deployed.get());
        }
        return embedded(o, stackVariables);
    }

    private static RunTarget embedded(TargetOptions o, Map<String, String> stackVariables) {
        BackendLauncher launcher = launcher(o);
        EmbeddedStack stack = EmbeddedStack.builder().environment(o.stackAs() != null ? Environments.require(o.stackAs()) : o.environment())
                .webDist(o.webDist()).with(stackVariables).backend(launcher).voiceLiveReplay(o.voiceLiveReplay())
                .voiceLiveRecord(o.voiceLiveRecord()).start();
        try {
            String description = launcher instanceof ImageLauncher image ? image.describe() + " (" + image.digest() + ")" : launcher.describe();
            Target target = new Target(o.environment(), stack.endpoints(), new BackendUnderTest(launcher.kind(), description), stack.harnessToken());
            return new RunTarget(target, stack, stack.entraAccess().orElse(null), null);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private static BackendLauncher launcher(TargetOptions o) {
        if (o.backendCommand() != null) {
            return new CommandLauncher(o.backendCommand(), o.logFolder(), o.backendTimeout());
        }
        if (o.backendImage() != null) {
            ImageLauncher.unavailable().ifPresent(reason -> {
                throw new IllegalArgumentException("--backend-image " + o.backendImage() + ": " + reason);
            });
            return new ImageLauncher(o.backendImage(), o.logFolder(), o.backendTimeout());
        }
        return new dev.engram.harness.backend.ReferenceLauncher();
    }

    private static RunTarget attached(TargetOptions o, Map<String, String> env) {
        if (o.api() == null) {
            throw new IllegalArgumentException("--stack needs --api: the URL of the backend wired to that serve's simulators");
        }
        StackFile serve = StackFile.read(o.stackFile());
        if (serve.environment() != null && !serve.environment().equals(o.environment()) && o.stackAs() == null) {
            throw new IllegalArgumentException("--stack " + o.stackFile() + " rehearses " + serve.environment() + " but --env is "
                    + o.environment() + ": start ./harness serve --env " + o.environment() + ", or pass --stack-as " + serve.environment());
        }
        String api = o.api().replaceAll("/+$", "");
        Endpoints endpoints = serve.endpoints(api);
        endpoints = new Endpoints(api, o.web(), endpoints.voicelive(), endpoints.gateway(), endpoints.zep(), endpoints.entra());
        EntraAccess entra = serve.entraAccess();
        EnvironmentProfile.HarnessIdentity identity = EnvironmentProfile.of(serve.environment() == null ? o.environment() : serve.environment()).harnessIdentity();
        Optional<String> token = new TargetResolver(env).token(o.environment())
                .or(() -> entra != null ? entra.token(identity) : EntraAccess.withoutEntra(identity));
        Target target = new Target(o.environment(), endpoints, new BackendUnderTest("serve", api + " wired to the simulators of " + o.stackFile()), token);
        return new RunTarget(target, null, entra, null);
    }

    private static RunTarget deployed(TargetOptions o, Target target) {
        if (o.webDist() == null) {
            return new RunTarget(target, null, null, null);
        }
        SwaEmulator dist = SwaEmulator.start(o.webDist(), target.api());
        Endpoints e = target.endpoints();
        return new RunTarget(new Target(target.environment(), new Endpoints(e.api(), dist.url(), null, null, null, null),
                target.backend(), target.bearerToken()), null, null, dist);
    }

    public Target target() {
        return target;
    }

    public Optional<EmbeddedStack> stack() {
        return Optional.ofNullable(stack);
    }

    /** What the scenarios of a run against this target share; the caller closes it before this. */
    public RunWorld world() {
        return new RunWorld(target, stack, entra);
    }

    @Override
    public void close() {
        if (stack != null) {
            stack.close();
        }
        if (distServer != null) {
            distServer.close();
        }
    }
}
