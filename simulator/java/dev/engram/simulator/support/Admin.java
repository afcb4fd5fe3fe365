package dev.engram.simulator.support;

import io.javalin.config.JavalinConfig;
import java.util.Map;

/**
 * A simulator's control surface over HTTP, so faults can be armed from outside the JVM (e.g. against
 * {@code ./harness serve}): {@code POST /__admin/fault/{name}}, {@code DELETE /__admin/fault},
 * {@code GET /__admin/calls} ({@code ?from=N}: only the calls from the N-th on, of those still held),
 * {@code GET /__admin/calls/count} (every call ever journalled).
 */
public final class Admin {
    private Admin() {}

    public static void routes(JavalinConfig config, FaultSwitch faults, Journal<?> journal) {
        config.routes.get("/__admin/calls", ctx -> ctx.json(journal.from(Math.max(0, ctx.queryParamAsClass("from", Long.class).getOrDefault(0L)))));
        config.routes.get("/__admin/calls/count", ctx -> ctx.json(Map.of("count", journal.count())));
        faultRoutes(config, name -> faults.arm(FaultSwitch.named(name)), faults::clear);
    }

    /**
     * {@code POST /__admin/fault/{name}} (404 naming the known faults when {@code arm} refuses the name) and
     * {@code DELETE /__admin/fault}, for any simulator's kind of fault.
     */
    public static void faultRoutes(JavalinConfig config, java.util.function.Consumer<String> arm, Runnable clear) {
        config.routes.post("/__admin/fault/{name}", ctx -> {
            try {
                arm.accept(ctx.pathParam("name"));
                ctx.status(204);
            } catch (IllegalArgumentException e) {
                ctx.status(404).json(Map.of("error", "unknown_fault", "detail", e.getMessage()));
            }
        });
        config.routes.delete("/__admin/fault", ctx -> {
            clear.run();
            ctx.status(204);
        });
    }
}
