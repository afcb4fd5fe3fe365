package dev.engram.harness.signoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Text from a backend (its version, failure messages) cannot break the sign-off's Markdown or HTML. */
class SignoffEscapingTest {

    @Test
    void markdownCellsEscapeEverythingARendererInterprets() {
        String cell = SignoffReport.cell("1.2|*bold* <script>alert(1)</script> [x](y) `c`\nnext");
        assertEquals("1.2\\|\\*bold\\* &lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](y) \\`c\\` next", cell);
        assertFalse(cell.contains("\n"));
    }

    @Test
    void theHtmlEscapesEveryValueInTextAndInAttributes() {
        String hostile = "\"><script>alert(1)</script><img src=x onerror=alert(2)>";
        dev.engram.harness.report.ScenarioResult result = new dev.engram.harness.report.ScenarioResult("x", "scenario " + hostile, "features/x.feature",
                1, java.util.List.of("@uat:chat-1"), java.util.List.of("5.5"), java.util.List.of("chat-1"), "FAILED", 1, "failure " + hostile, java.util.List.of());
        Signoff signoff = Signoff.evaluate(RequirementCatalogue.load(), java.util.List.of(result), java.util.List.of(), "uat " + hostile,
                "1.0 " + hostile, "2026-12-02", "run " + hostile);
        String html = SignoffReport.html(signoff, Evidence.read(java.nio.file.Path.of("no-such-cucumber.json")), java.util.List.of());
        assertFalse(html.contains("<script>") || html.contains("<img src=x"), "a value reached the page unescaped");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the hostile text is shown, escaped");
        assertTrue(html.contains("Ready for production deployment: NO"));
    }
}
