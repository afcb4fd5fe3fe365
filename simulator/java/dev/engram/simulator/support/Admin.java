package dev.engram.simulator.support;

import io.javalin.config.JavalinConfig;
import java.util.Map;

/**
 * A simulator's control surface over HTTP, so faults can be armed from outside the JVM (e.g. against
 * {@code ./harness serve}): {@code POST /__admin/fault/{name}}, {@code DELETE /__admin/fault},
 * {@code GET /__admin/calls}.
 */
public final class Admin {
    private Admin() {}

    public static void routes(JavalinConfig config, FaultSwitch faults, Journal<?> journal) {
        config.routes.get("/__admin/calls", ctx -> ctx.json(journal.all()));
        config.routes.post("/__admin/fault/{name}", ctx -> {
            try {
                faults.arm(FaultSwitch.named(ctx.pathParam("name")));
                ctx.status(204);
            } catch (IllegalArgumentException e) {
                ctx.status(404).json(Map.of("error", "unknown_fault", "detail", e.getMessage()));
            }
        });
        config.routes.delete("/__admin/fault", ctx -> {
            faults.clear();
            ctx.status(204);
        });
    }
}
