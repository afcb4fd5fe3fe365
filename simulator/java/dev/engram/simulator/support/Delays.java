package dev.engram.simulator.support;

import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Answers after a delay without holding a server thread, so slow simulators still scale under load. */
public final class Delays {
    private Delays() {}

    public static void after(Context ctx, long delayMs, Runnable respond) {
        if (delayMs <= 0) {
            respond.run();
            return;
        }
        ctx.future(() -> CompletableFuture.runAsync(respond,
                CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS)));
    }
}
