package dev.engram.harness.client;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright, started on first use and kept for the run. Playwright never downloads a
 * browser here: the executable is {@code /usr/bin/chromium} (or {@code ENGRAM_CHROMIUM}), and browser downloads are
 * switched off.
 */
public final class Chromium implements AutoCloseable {
    public static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private Playwright playwright;
    private Browser browser;

    public static Path executable() {
        return Path.of(System.getenv().getOrDefault("ENGRAM_CHROMIUM", "/usr/bin/chromium"));
    }

    /** A fresh browser context: its own cookies and storage, its own tabs. */
    public synchronized BrowserContext newContext() {
        if (browser == null) {
            start();
        }
        return browser.newContext();
    }

    private void start() {
        Path executable = executable();
        if (!Files.isExecutable(executable)) {
            throw new BrowserUnavailable("Chromium not found at " + executable
                    + ": install Debian's browser with 'apt-get install -y chromium', or set ENGRAM_CHROMIUM to its path");
        }
        try {
            playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable).setHeadless(true).setArgs(ARGS));
        } catch (RuntimeException e) {
            close();
            String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new BrowserUnavailable("Chromium at " + executable + " did not start: " + first);
        }
    }

    @Override
    public synchronized void close() {
        if (playwright != null) {
            playwright.close();
            playwright = null;
            browser = null;
        }
    }
}
