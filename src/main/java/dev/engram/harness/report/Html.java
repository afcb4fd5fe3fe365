package dev.engram.harness.report;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The reports' HTML: Pebble templates on the classpath that escape every value (the sign-off, the merged load), the
 * files they inline, and the escaping of text the charts put into SVG by hand.
 */
public final class Html {
    private static final PebbleEngine ENGINE = new PebbleEngine.Builder().loader(new ClasspathLoader())
            .autoEscaping(true).defaultEscapingStrategy("html").newLineTrimming(false).build();

    private Html() {}

    /** {@code template} (a classpath path) rendered with {@code context}, every value escaped. */
    public static String render(String template, Map<String, Object> context) {
        StringWriter out = new StringWriter();
        try {
            ENGINE.getTemplate(template).evaluate(out, context);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + template, e);
        }
        return out + "\n";
    }

    /** A text file on the classpath, such as a stylesheet to inline. */
    public static String resource(String path) {
        try (InputStream in = Html.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing on the classpath: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text made safe for an HTML element or a quoted attribute. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
