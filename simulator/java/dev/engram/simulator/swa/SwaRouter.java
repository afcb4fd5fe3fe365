package dev.engram.simulator.swa;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Azure Static Web Apps' routing, rule by rule as {@code swa-routing.md} numbers them, as a pure function from a
 * request to a {@link Decision}. {@code fileExists} answers for paths like {@code /assets/app.js}.
 */
public final class SwaRouter {
    public static final Set<String> CONFIG_FILES = Set.of("/staticwebapp.config.json", "/routes.json");
    private static final Set<Integer> OVERRIDABLE = Set.of(400, 401, 403, 404);
    private static final Map<String, String> DEFAULT_HEADERS = Map.of(
            "Strict-Transport-Security", "max-age=10886400; includeSubDomains; preload",
            "Referrer-Policy", "same-origin",
            "X-Content-Type-Options", "nosniff",
            "X-DNS-Prefetch-Control", "off",
            "X-XSS-Protection", "0");

    public record Request(String method, String rawPath, Set<String> roles, boolean webSocket, String referrer) {}

    /** What to answer. {@code headers} already merged (defaults, global, route). */
    public sealed interface Decision permits Serve, Redirect, Proxy, Status, Auth {}

    /** Serve a file with a status; {@code originalUrl} set when a rewrite happened. */
    public record Serve(String file, int status, Map<String, String> headers, String originalUrl) implements Decision {}

    public record Redirect(String location, int status, Map<String, String> headers) implements Decision {}

    public record Proxy(String path) implements Decision {}

    /** An answer with no file: 404 without a page, 405, or an error with no override. */
    public record Status(int status, Map<String, String> headers) implements Decision {}

    public record Auth(String path) implements Decision {}

    private final SwaConfig config;
    private final Predicate<String> fileExists;

    public SwaRouter(SwaConfig config, Predicate<String> fileExists) {
        this.config = config;
        this.fileExists = fileExists;
    }

    public Decision decide(Request request) {
        if (request.webSocket()) {
            return new Proxy(request.rawPath()); // rule 1
        }
        String path = decode(request.rawPath());
        if (path.startsWith("/.auth/")) {
            return new Auth(path); // rule 4
        }
        Map<String, String> headers = baseHeaders();
        String served = path;
        String originalUrl = null;
        SwaConfig.Route route = firstRoute(request.method(), path); // rules 2-3
        if (route != null) {
            applyHeaders(headers, route.headers()); // rule 10
            if (!route.allowedRoles().isEmpty() && !route.allowedRoles().contains("anonymous")
                    && route.allowedRoles().stream().noneMatch(request.roles()::contains)) {
                return error(401, request, headers); // rule 6
            }
            if (route.redirect() != null) {
                int status = route.statusCode() != null && route.statusCode() == 301 ? 301 : 302;
                return new Redirect(route.redirect(), status, headers); // rule 7
            }
            if (route.statusCode() != null && Set.of(401, 403, 404).contains(route.statusCode()) && route.rewrite() == null) {
                return error(route.statusCode(), request, headers); // rule 4
            }
            if (route.rewrite() != null) {
                originalUrl = request.rawPath();
                served = route.rewrite(); // rule 7
            }
        }
        if (served.equals("/api") || served.startsWith("/api/")) {
            return new Proxy(served); // rule 4: the API, never the fallback
        }
        if (!Set.of("GET", "HEAD", "OPTIONS").contains(request.method().toUpperCase(Locale.ROOT))) {
            return new Status(405, headers); // rule 5
        }
        String file = served.endsWith("/") ? served + "index.html" : served;
        if (CONFIG_FILES.contains(file)) {
            return error(404, request, headers); // rule 8
        }
        if (fileExists.test(file)) {
            return new Serve(file, route != null && route.statusCode() != null ? route.statusCode() : 200, withMime(headers, file), originalUrl);
        }
        if (fileExists.test(file + "/index.html")) {
            return new Serve(file + "/index.html", 200, withMime(headers, file + "/index.html"), originalUrl);
        }
        return fallback(path, request, headers); // rule 9
    }

    private Decision fallback(String path, Request request, Map<String, String> headers) {
        if (config.navigationFallback().isEmpty()) {
            return error(404, request, headers);
        }
        SwaConfig.Fallback fallback = config.navigationFallback().get();
        if (fallback.exclude().stream().anyMatch(glob -> glob.matches(path))) {
            return error(404, request, headers);
        }
        return new Serve(fallback.rewrite(), 200, withMime(headers, fallback.rewrite()), request.rawPath());
    }

    /** Rule 12: 400, 401, 403 and 404 may be overridden with a status, a redirect (".referrer" substituted) or a rewrite. */
    private Decision error(int status, Request request, Map<String, String> headers) {
        SwaConfig.Override override = OVERRIDABLE.contains(status) ? config.responseOverrides().get(status) : null;
        if (override == null) {
            return new Status(status, headers);
        }
        if (override.redirect() != null) {
            String referrer = request.referrer() == null ? request.rawPath() : request.referrer();
            return new Redirect(override.redirect().replace(".referrer", referrer), override.statusCode() != null && override.statusCode() == 301 ? 301 : 302, headers);
        }
        int finalStatus = override.statusCode() != null ? override.statusCode() : status;
        if (override.rewrite() != null && fileExists.test(override.rewrite())) {
            return new Serve(override.rewrite(), finalStatus, withMime(headers, override.rewrite()), request.rawPath());
        }
        return new Status(finalStatus, headers);
    }

    private SwaConfig.Route firstRoute(String method, String path) {
        boolean isFile = fileExists.test(path);
        for (SwaConfig.Route route : config.routes()) {
            if (!route.methods().isEmpty() && route.methods().stream().noneMatch(m -> m.equalsIgnoreCase(method))) {
                continue;
            }
            boolean matches = route.route().matches(path) || (!isFile && route.route().matches(path.replaceAll("/$", "") + "/index.html"));
            if (!matches) {
                continue;
            }
            if (route.redirect() != null && route.redirect().equals(path)) {
                continue; // a redirect to itself would loop
            }
            return route;
        }
        return null;
    }

    private Map<String, String> baseHeaders() {
        Map<String, String> headers = new LinkedHashMap<>(DEFAULT_HEADERS);
        applyHeaders(headers, config.globalHeaders());
        return headers;
    }

    private static void applyHeaders(Map<String, String> headers, Map<String, String> more) {
        more.forEach((name, value) -> {
            headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            if (!value.isEmpty()) {
                headers.put(name, value);
            }
        });
    }

    private Map<String, String> withMime(Map<String, String> headers, String file) {
        Map<String, String> out = new LinkedHashMap<>(headers);
        out.putIfAbsent("Content-Type", MimeTypes.forFile(file, config.mimeTypes()));
        return out;
    }

    private static String decode(String rawPath) {
        String path = rawPath.contains("?") ? rawPath.substring(0, rawPath.indexOf('?')) : rawPath;
        try {
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return path;
        }
    }

    public List<SwaConfig.Route> routes() {
        return config.routes();
    }

    public SwaConfig config() {
        return config;
    }
}
