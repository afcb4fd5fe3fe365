package dev.engram.support;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Starts a Javalin app on 127.0.0.1 with a port the OS chooses, the way every simulator and the reference server
 * run. Nothing here ever binds a fixed port or a non-loopback address.
 */
public final class LoopbackServer implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    /**
     * Javalin copies every answer into Jetty's output through a new buffer of this size (by default Jetty's 32 KB
     * output buffer); almost every answer here is a few hundred bytes, and Jetty still aggregates larger ones.
     */
    private static final int RESPONSE_COPY_BUFFER = 4096;

    private final Javalin app;
    private final String name;

    private LoopbackServer(String name, Javalin app) {
        this.name = name;
        this.app = app;
    }

    public static LoopbackServer start(String name, int port, Consumer<JavalinConfig> routes) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.prefer405over404 = true;
            config.http.compressionStrategy = io.javalin.compression.CompressionStrategy.NONE; // on loopback, compressing answers only costs CPU; clients may not ask for it
            config.http.responseBufferSize = RESPONSE_COPY_BUFFER;
            config.jetty.host = HOST;
            config.jetty.port = port;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            config.routes.exception(Exception.class, (e, ctx) -> ctx.status(500).json(Map.of(
                    "error", "internal_error",
                    "detail", name + " failed on " + ctx.method() + " " + ctx.path() + ": " + e.getClass().getSimpleName())));
            routes.accept(config);
        });
        app.start();
        return new LoopbackServer(name, app);
    }

    public static LoopbackServer start(String name, Consumer<JavalinConfig> routes) {
        return start(name, 0, routes);
    }

    public int port() {
        return app.port();
    }

    public String url() {
        return "http://" + HOST + ":" + port();
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        app.stop();
    }
}
