package dev.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.simulator.swa.RouteGlob;
import dev.engram.simulator.swa.SwaConfig;
import dev.engram.simulator.swa.SwaConfigException;
import dev.engram.simulator.swa.SwaRouter;
import dev.engram.simulator.swa.SwaRouter.Decision;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test per numbered rule of swa-routing.md, plus Microsoft's documented fallback examples. */
class SwaRouterTest {
    private static final Set<String> FILES = Set.of("/index.html", "/assets/app.js", "/images/logo.png", "/about/index.html",
            "/login.html", "/404.html", "/css/site.css");

    private static SwaRouter router(String config) {
        return new SwaRouter(SwaConfig.parse(config), FILES::contains);
    }

    private static Decision get(SwaRouter router, String path) {
        return router.decide(new SwaRouter.Request("GET", path, Set.of("anonymous"), false, null));
    }

    private static int status(Decision d) {
        if (d instanceof SwaRouter.Serve s) {
            return s.status();
        }
        if (d instanceof SwaRouter.Redirect r) {
            return r.status();
        }
        if (d instanceof SwaRouter.Status s) {
            return s.status();
        }
        return -1;
    }

    private static String file(Decision d) {
        return ((SwaRouter.Serve) d).file();
    }

    @Test
    void rule1AWebSocketUpgradePassesStraightThrough() {
        Decision d = router("{\"routes\":[{\"route\":\"/*\",\"statusCode\":404}]}")
                .decide(new SwaRouter.Request("GET", "/ws", Set.of("anonymous"), true, null));
        assertInstanceOf(SwaRouter.Proxy.class, d);
    }

    @Test
    void rule2RoutesAreTriedInOrderFirstMatchWinsAndMethodsFilter() {
        SwaRouter r = router("{\"routes\":[{\"route\":\"/old\",\"methods\":[\"POST\"],\"redirect\":\"/post-target\"},"
                + "{\"route\":\"/old\",\"redirect\":\"/first\"},{\"route\":\"/old\",\"redirect\":\"/second\"},"
                + "{\"route\":\"/loop\",\"redirect\":\"/loop\"}]}");
        assertEquals("/first", ((SwaRouter.Redirect) get(r, "/old")).location());
        assertEquals("/post-target", ((SwaRouter.Redirect) r.decide(new SwaRouter.Request("POST", "/old", Set.of("anonymous"), false, null))).location());
        assertFalse(get(r, "/loop") instanceof SwaRouter.Redirect, "a redirect to itself is skipped");
    }

    @Test
    void rule2ANonFilePathAlsoMatchesItsIndexHtml() {
        SwaRouter r = router("{\"routes\":[{\"route\":\"/about/index.html\",\"headers\":{\"X-Page\":\"about\"}}]}");
        assertEquals("about", ((SwaRouter.Serve) get(r, "/about")).headers().get("X-Page"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"/admin*|/admin/users|true", "/admin*|/administrator|true", "/api/*|/api/v1/chat|true",
            "/api/*|/apix|false", "/img/*.{png,jpg}|/img/a/b.jpg|true", "/img/*.{png,jpg}|/img/a.gif|false", "*.css|/x/y.css|true",
            "/exact|/exact|true", "/exact|/exact/more|false", "/chat/*/x|/chat/a/x|false", "/a*b*|/ab|false"})
    void rule3GlobGrammar(String pattern, String path, boolean matches) {
        assertEquals(matches, RouteGlob.of(pattern).matches(path));
    }

    @Test
    void rule3MatchingUsesTheDecodedPathWithoutQuery() {
        SwaRouter r = router("{\"routes\":[{\"route\":\"/hello world\",\"redirect\":\"/greeting\"}]}");
        assertEquals("/greeting", ((SwaRouter.Redirect) get(r, "/hello%20world?x=1")).location());
    }

    @Test
    void rule4StatusCodeRoutesAuthAndApi() {
        SwaRouter r = router("{\"routes\":[{\"route\":\"/secret\",\"statusCode\":403}],\"navigationFallback\":{\"rewrite\":\"/index.html\"}}");
        assertEquals(403, status(get(r, "/secret")));
        assertInstanceOf(SwaRouter.Auth.class, get(r, "/.auth/login/aad"));
        assertInstanceOf(SwaRouter.Proxy.class, get(r, "/api/v1/agents"));
        assertInstanceOf(SwaRouter.Proxy.class, get(r, "/api/missing"), "/api/* never falls back to the SPA");
    }

    @Test
    void rule5StaticContentAnswersOnlyGetHeadOptions() {
        SwaRouter r = router("{}");
        assertEquals(405, status(r.decide(new SwaRouter.Request("POST", "/index.html", Set.of("anonymous"), false, null))));
        assertEquals(200, status(r.decide(new SwaRouter.Request("HEAD", "/index.html", Set.of("anonymous"), false, null))));
    }

    @Test
    void rule6AllowedRolesWithoutAnonymousNeedARoleElse401WithItsOverride() {
        SwaRouter r = router("{\"routes\":[{\"route\":\"/admin*\",\"allowedRoles\":[\"admin\"]}],"
                + "\"responseOverrides\":{\"401\":{\"redirect\":\"/.auth/login/aad?post_login_redirect_uri=.referrer\",\"statusCode\":302}}}");
        SwaRouter.Redirect redirect = (SwaRouter.Redirect) r.decide(new SwaRouter.Request("GET", "/admin/health", Set.of("anonymous"), false, "/admin/health"));
        assertEquals("/.auth/login/aad?post_login_redirect_uri=/admin/health", redirect.location());
        assertEquals(302, redirect.status());
        Decision allowed = r.decide(new SwaRouter.Request("GET", "/admin/health", Set.of("anonymous", "authenticated", "admin"), false, null));
        assertFalse(allowed instanceof SwaRouter.Redirect);
    }

    @Test
    void rule7RedirectIs302Or301AndRewriteSetsTheOriginalUrl() {
        SwaRouter r = router("{\"routes\":[{\"route\":\"/a\",\"redirect\":\"/b\"},{\"route\":\"/p\",\"redirect\":\"/q\",\"statusCode\":301},"
                + "{\"route\":\"/signin\",\"rewrite\":\"/login.html\"}]}");
        assertEquals(302, status(get(r, "/a")));
        assertEquals(301, status(get(r, "/p")));
        SwaRouter.Serve served = (SwaRouter.Serve) get(r, "/signin");
        assertEquals("/login.html", served.file());
        assertEquals("/signin", served.originalUrl());
    }

    @Test
    void rule8FilesAlwaysServeEvenWhenExcludedAndConfigFilesNever() {
        SwaRouter r = router("{\"navigationFallback\":{\"rewrite\":\"/index.html\",\"exclude\":[\"/images/*.{png,jpg,gif}\",\"/assets/*\"]}}");
        assertEquals("/images/logo.png", file(get(r, "/images/logo.png")));
        assertEquals("/about/index.html", file(get(r, "/about/")));
        assertEquals(404, status(get(r, "/staticwebapp.config.json")));
        assertEquals(404, status(get(r, "/routes.json")));
    }

    @ParameterizedTest
    @CsvSource({"/images/icon.svg,200", "/images/unknown.png,404", "/css/unknown.css,404", "/voice,200", "/u/a.b,200"})
    void rule9MicrosoftsFallbackExamples(String path, int expected) {
        SwaRouter r = router("{\"navigationFallback\":{\"rewrite\":\"/index.html\",\"exclude\":[\"/images/*.{png,jpg,gif}\",\"/css/*\"]}}");
        Decision d = get(r, path);
        assertEquals(expected, status(d));
        if (expected == 200) {
            assertEquals("/index.html", file(d));
        }
    }

    @Test
    void rule9WithoutExcludeEveryMissingPathFallsBackAndWithoutFallbackIs404() {
        assertEquals("/index.html", file(get(router("{\"navigationFallback\":{\"rewrite\":\"/index.html\"}}"), "/assets/missing.js")));
        assertEquals(404, status(get(router("{}"), "/voice")));
    }

    @Test
    void rule10HeadersDefaultsThenGlobalThenRouteAndEmptyRemoves() {
        SwaRouter r = router("{\"globalHeaders\":{\"X-Frame-Options\":\"DENY\",\"Referrer-Policy\":\"no-referrer\"},"
                + "\"routes\":[{\"route\":\"/index.html\",\"headers\":{\"X-Frame-Options\":\"\",\"Cache-Control\":\"no-store\"}}]}");
        var headers = ((SwaRouter.Serve) get(r, "/index.html")).headers();
        assertEquals("nosniff", headers.get("X-Content-Type-Options"));
        assertEquals("no-referrer", headers.get("Referrer-Policy"));
        assertEquals("no-store", headers.get("Cache-Control"));
        assertFalse(headers.containsKey("X-Frame-Options"));
        assertEquals("DENY", ((SwaRouter.Serve) get(r, "/assets/app.js")).headers().get("X-Frame-Options"));
    }

    @Test
    void rule11MimeTypesFromTableThenConfig() {
        SwaRouter r = router("{\"mimeTypes\":{\".js\":\"application/javascript\"}}");
        assertEquals("application/javascript", ((SwaRouter.Serve) get(r, "/assets/app.js")).headers().get("Content-Type"));
        assertEquals("text/html", ((SwaRouter.Serve) get(r, "/index.html")).headers().get("Content-Type"));
        assertEquals("image/png", ((SwaRouter.Serve) get(router("{}"), "/images/logo.png")).headers().get("Content-Type"));
    }

    @Test
    void rule12OverridesApplyTo404WithRewriteAndStatus() {
        SwaRouter r = router("{\"responseOverrides\":{\"404\":{\"rewrite\":\"/404.html\"},\"500\":{\"rewrite\":\"/index.html\"}}}");
        SwaRouter.Serve served = (SwaRouter.Serve) get(r, "/nowhere");
        assertEquals("/404.html", served.file());
        assertEquals(404, served.status());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"routes\": [}|not valid JSON at line 1",
            "{\"routes\": {}}|'routes' must be an array",
            "{\"routes\": [{\"redirect\": \"/x\"}]}|routes[0].route is required",
            "{\"routes\": [{\"route\": \"admin\"}]}|routes[0].route must start with '/'",
            "{\"navigationFallback\": {\"exclude\": []}}|navigationFallback.rewrite is required",
            "{\"navigationFallback\": {\"rewrite\": \"/index.html\", \"exclude\": \"/x\"}}|navigationFallback.exclude must be an array",
            "{\"responseOverrides\": {\"abc\": {}}}|responseOverrides key 'abc'",
            "[]|must hold a JSON object"})
    void aMalformedConfigIsRefusedNamingTheProblem(String config, String message) {
        SwaConfigException e = assertThrows(SwaConfigException.class, () -> SwaConfig.parse(config));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
