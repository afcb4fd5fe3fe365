package dev.engram.harness.signoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** Text from a backend (its version, failure messages) cannot break the sign-off's Markdown or HTML. */
class SignoffEscapingTest {

    @Test
    void markdownCellsEscapeEverythingARendererInterprets() {
        String cell = SignoffReport.cell("1.2|*bold* <script>alert(1)</script> [x](y) `c`\nnext");
        assertEquals("1.2\\|\\*bold\\* &lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](y) \\`c\\` next", cell);
        assertFalse(cell.contains("\n"));
    }
}
