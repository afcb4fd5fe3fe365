package dev.engram.simulator.support;

import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Answers after a delay without holding a server thread, so slow simulators still scale under load. The delay runs on
 * one shared scheduler: CompletableFuture's default executor would start a thread per answer on two cores.
 */
public final class Delays {
    private static final java.util.concurrent.ScheduledExecutorService CLOCK = java.util.concurrent.Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "simulator-delays");
        t.setDaemon(true);
        return t;
    });

    private Delays() {}

    public static void after(Context ctx, long delayMs, Runnable respond) {
        if (delayMs <= 0) {
            respond.run();
            return;
        }
        ctx.future(() -> {
            CompletableFuture<Void> answered = new CompletableFuture<>();
            CLOCK.schedule(() -> {
                try {
                    respond.run();
                    answered.complete(null);
                } catch (RuntimeException e) {
                    answered.completeExceptionally(e);
                }
            }, delayMs, TimeUnit.MILLISECONDS);
            return answered;
        });
    }
}
