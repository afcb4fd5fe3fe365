package dev.engram.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.harness.cli.HarnessCli;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./harness serve --exit-when-ready}: the start-up check the launcher also uses to make its class data archive. */
class ServeCommandTest {
    @TempDir
    Path work;

    @Test
    void exitWhenReadyPrintsTheReadyLineThenStopsTheStack() throws Exception {
        CliRun run = CliRun.of("serve", "--exit-when-ready", "--env-file", work.resolve("backend.env").toString(),
                "--stack-file", work.resolve("stack.json").toString());
        String output = run.output();
        assertEquals(HarnessCli.PASS, run.exit(), output);
        JsonNode ready = run.json();
        assertTrue(ready.path("ready_ms").asLong() > 0, output);
        assertTrue(Files.isRegularFile(work.resolve("stack.json")), "the stack file was written");
        HttpRequest health = HttpRequest.newBuilder(URI.create(ready.path("api").asText() + "/health")).build();
        IOException refused = assertThrows(IOException.class,
                () -> HttpClient.newHttpClient().send(health, HttpResponse.BodyHandlers.discarding()), "the stack was stopped");
        assertTrue(refused instanceof ConnectException || refused.getCause() instanceof ConnectException, refused.toString());
    }
}
