package dev.engram.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The GitHub workflows pass yamllint (strict, .yamllint) and name no Debian-only path. */
class WorkflowLintTest {
    private static final Path WORKFLOWS = Path.of(".github/workflows");

    @Test
    void theWorkflowsPassYamllint() throws Exception {
        boolean installed = new ProcessBuilder("sh", "-c", "command -v yamllint").start().waitFor() == 0;
        if (!installed) {
            System.out.println("WorkflowLintTest: yamllint is not installed (apt-get install -y yamllint; .ci/run installs it)");
        }
        Assumptions.assumeTrue(installed, "yamllint is not installed");
        Process lint = new ProcessBuilder("yamllint", "-s", "-c", ".yamllint", WORKFLOWS.toString()).redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes());
        lint.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, lint.exitValue(), output);
    }

    @Test
    void theWorkflowsUseTheBrowserGitHubRunnersHave() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.list(WORKFLOWS)) {
            files = walk.toList();
        }
        for (Path file : files) {
            String text = Files.readString(file);
            assertFalse(text.contains("/usr/bin/chromium") || text.contains("apt-get install -y chromium"), file + " names Debian's Chromium");
        }
    }
}
