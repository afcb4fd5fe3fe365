package dev.engram.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.harness.client.ApiResponse;
import dev.engram.harness.client.Http;
import dev.engram.simulator.gateway.GatewaySimulator;
import dev.engram.simulator.swa.SpaBuild;
import dev.engram.simulator.swa.SwaConfigException;
import dev.engram.simulator.swa.SwaEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator over HTTP: the reference SPA's config applied, /api proxied, malformed configs refused. */
class SwaEmulatorTest {
    @Test
    void servesTheReferenceSpaUnderItsOwnConfig() {
        try (GatewaySimulator api = GatewaySimulator.start("k", "gpt-5-chat");
             SpaBuild build = SpaBuild.of(SpaBuild.SOURCE, "", "http://127.0.0.1:1");
             SwaEmulator web = SwaEmulator.start(build.folder(), api.endpoint().replace("/engram/openai/v1", ""))) {
            ApiResponse deepLink = Http.get(web.url() + "/voice");
            assertEquals(200, deepLink.status());
            assertTrue(deepLink.body().contains("class=\"logo\""));
            assertEquals("/voice", deepLink.header("x-ms-original-url"));
            assertEquals("nosniff", deepLink.header("X-Content-Type-Options"));
            assertEquals(404, Http.get(web.url() + "/assets/missing.js").status());
            assertEquals(404, Http.get(web.url() + "/staticwebapp.config.json").status());
            assertTrue(Http.get(web.url() + "/assets/app.js").headerOrEmpty("Content-Type").startsWith("text/javascript"));
            ApiResponse proxied = Http.get(web.url() + "/api/__admin/calls");
            assertTrue(proxied.status() >= 400 && !proxied.body().contains("logo"),
                    "reached the API (which has no such GET), not the SPA fallback: " + proxied.status() + " " + proxied.body());
            assertEquals(405, Http.post(web.url() + "/index.html", "{}").status());
        }
    }

    @Test
    void refusesAMalformedConfigNamingTheProblem(@TempDir Path dist) throws Exception {
        Files.writeString(dist.resolve("staticwebapp.config.json"), "{\"navigationFallback\": {\"exclude\": [\"/a\"]}}");
        SwaConfigException e = assertThrows(SwaConfigException.class, () -> SwaEmulator.start(dist, (String) null));
        assertTrue(e.getMessage().contains("navigationFallback.rewrite"), e.getMessage());
    }
}
