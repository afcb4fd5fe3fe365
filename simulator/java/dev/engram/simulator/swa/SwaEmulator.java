package dev.engram.simulator.swa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.support.Json;
import dev.engram.support.LoopbackServer;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Serves a built SPA folder the way Azure Static Web Apps does, applying its {@code staticwebapp.config.json}
 * through {@link SwaRouter}; {@code /api/*} is proxied to the API. Roles come from the {@code x-ms-client-principal}
 * header (base64 JSON with {@code userRoles}), as SWA passes them.
 */
public final class SwaEmulator implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "keep-alive", "te", "trailer", "proxy-authorization", "expect");

    private final Path folder;
    private final java.util.function.Supplier<String> api;
    private final SwaRouter router;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final LoopbackServer server;

    private SwaEmulator(Path folder, java.util.function.Supplier<String> api) {
        this.folder = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(this.folder)) {
            throw new SwaConfigException("the SPA folder " + folder + " does not exist");
        }
        this.api = api;
        this.router = new SwaRouter(SwaConfig.load(this.folder), this::fileExists);
        Handler handler = this::handle;
        this.server = LoopbackServer.start("static web apps emulator", 0, config -> {
            config.http.prefer405over404 = false;
            for (String method : new String[] {"get", "post", "put", "patch", "delete", "head", "options"}) {
                switch (method) {
                    case "get" -> config.routes.get("/*", handler);
                    case "post" -> config.routes.post("/*", handler);
                    case "put" -> config.routes.put("/*", handler);
                    case "patch" -> config.routes.patch("/*", handler);
                    case "delete" -> config.routes.delete("/*", handler);
                    case "head" -> config.routes.head("/*", handler);
                    default -> config.routes.options("/*", handler);
                }
            }
        });
    }

    /** Serves {@code folder} with its own config; {@code api} receives {@code /api/*} (null: 502 for the API). */
    public static SwaEmulator start(Path folder, String api) {
        return new SwaEmulator(folder, () -> api);
    }

    /** For a stack that starts its API after the web app (so the API's CORS can name the web origin). */
    public static SwaEmulator start(Path folder, java.util.function.Supplier<String> api) {
        return new SwaEmulator(folder, api);
    }

    public String url() {
        return server.url();
    }

    public SwaConfig config() {
        return router.config();
    }

    private void handle(Context ctx) throws Exception {
        String raw = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        SwaRouter.Decision decision = router.decide(new SwaRouter.Request(ctx.method().name(), raw, roles(ctx),
                false, ctx.header("Referer")));
        if (decision instanceof SwaRouter.Serve serve) {
            serve(ctx, serve);
        } else if (decision instanceof SwaRouter.Redirect redirect) {
            redirect.headers().forEach(ctx::header);
            ctx.status(redirect.status()).header("Location", redirect.location());
        } else if (decision instanceof SwaRouter.Proxy proxy) {
            proxy(ctx, proxy.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString()));
        } else if (decision instanceof SwaRouter.Status status) {
            status.headers().forEach(ctx::header);
            ctx.status(status.status()).contentType("text/html").result(errorPage(status.status()));
        } else if (decision instanceof SwaRouter.Auth auth) {
            auth(ctx, auth.path());
        }
    }

    private void serve(Context ctx, SwaRouter.Serve serve) throws IOException {
        serve.headers().forEach(ctx::header);
        if (serve.originalUrl() != null) {
            ctx.header("x-ms-original-url", serve.originalUrl());
        }
        byte[] body = Files.readAllBytes(resolve(serve.file()));
        ctx.status(serve.status()).contentType(serve.headers().getOrDefault("Content-Type", "application/octet-stream"));
        if (!ctx.method().name().equals("HEAD")) {
            ctx.result(body);
        }
    }

    private void proxy(Context ctx, String pathAndQuery) {
        String api = this.api.get() == null ? null : this.api.get().replaceAll("/+$", "");
        if (api == null) {
            ctx.status(502).json(Map.of("error", "no_api", "detail", "this Static Web App has no API linked for " + pathAndQuery));
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + pathAndQuery)).timeout(Duration.ofSeconds(60))
                .method(ctx.method().name(), ctx.bodyAsBytes().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(ctx.bodyAsBytes()));
        ctx.headerMap().forEach((name, value) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                request.header(name, value);
            }
        });
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    ctx.header(name, String.join(", ", values));
                }
            });
            ctx.status(response.statusCode()).result(response.body());
        } catch (IOException e) {
            ctx.status(502).json(Map.of("error", "api_unreachable", "detail", "the linked API did not answer " + pathAndQuery));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.status(502);
        }
    }

    private void auth(Context ctx, String path) {
        if (path.startsWith("/.auth/me")) {
            JsonNode principal = principal(ctx);
            ctx.json(Map.of("clientPrincipal", principal == null ? Json.MAPPER.nullNode() : principal));
        } else if (path.startsWith("/.auth/logout")) {
            ctx.status(302).header("Location", "/");
        } else {
            ctx.contentType("text/html").result("<!doctype html><html lang=\"en\"><title>Sign in</title><main><h1>Static Web Apps auth emulator</h1><p>"
                    + path.replaceAll("[<>&\"]", "") + "</p></main></html>");
        }
    }

    private Set<String> roles(Context ctx) {
        Set<String> roles = new HashSet<>(Set.of("anonymous"));
        JsonNode principal = principal(ctx);
        if (principal != null) {
            roles.add("authenticated");
            principal.path("userRoles").forEach(role -> roles.add(role.asText()));
        }
        return roles;
    }

    private static JsonNode principal(Context ctx) {
        String header = ctx.header("x-ms-client-principal");
        if (header == null) {
            return null;
        }
        try {
            return Json.parse(new String(Base64.getDecoder().decode(header), java.nio.charset.StandardCharsets.UTF_8));
        } catch (Exception e) {
            return null;
        }
    }

    private boolean fileExists(String file) {
        Path path = resolve(file);
        return path != null && Files.isRegularFile(path);
    }

    /** The file for a URL path, never outside the folder. */
    private Path resolve(String file) {
        Path path = folder.resolve(file.replaceFirst("^/+", "")).normalize();
        return path.startsWith(folder) ? path : null;
    }

    private static String errorPage(int status) {
        return "<!doctype html><html lang=\"en\"><title>" + status + "</title><main><h1>" + status + "</h1></main></html>";
    }

    @Override
    public void close() {
        server.close();
    }
}
