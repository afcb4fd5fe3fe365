package dev.engram.reference;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The WebSocket troubleshooting guide's variables ("Solutions 1. Environment Variables"), validated at start-up:
 * whether voice is enabled, the Speech service's key, region and endpoint, the Speech container mode and host, the
 * container's name, and the proxy variables. {@code ENGRAM_VOICELIVE_CONNECT_TIMEOUT_MS} (default 5000, the guide's
 * "Latency: 5,004ms") bounds one connection attempt; the reference server's own tuning variable.
 */
public record ConnectivitySettings(
        boolean voiceLiveEnabled,
        Optional<String> speechKey,
        Optional<String> speechRegion,
        Optional<URI> speechEndpoint,
        boolean speechContainerMode,
        Optional<URI> speechContainerHost,
        Optional<String> containerAppName,
        Optional<URI> httpProxy,
        Optional<URI> httpsProxy,
        List<String> noProxy,
        Duration connectTimeout) {

    /** At most this many connection attempts per voice session (the guide's "Attempting to reconnect (X/5)"). */
    public static final int MAX_ATTEMPTS = 5;

    static ConnectivitySettings from(EnvVars vars) {
        boolean containerMode = vars.bool("SPEECH_CONTAINER_MODE", false);
        Optional<URI> containerHost = vars.url("SPEECH_CONTAINER_HOST");
        containerHost.ifPresent(host -> {
            if (!host.getScheme().toLowerCase(Locale.ROOT).startsWith("ws")) {
                throw new ConfigurationException("SPEECH_CONTAINER_HOST must be a ws:// URL such as ws://speech-to-text:5000, got '" + host + "'");
            }
        });
        if (containerMode && containerHost.isEmpty()) {
            throw new ConfigurationException("SPEECH_CONTAINER_MODE=true needs SPEECH_CONTAINER_HOST, such as ws://speech-to-text:5000");
        }
        Optional<String> region = vars.text("SPEECH_REGION");
        region.ifPresent(r -> {
            if (!r.matches("[a-z0-9]+")) {
                throw new ConfigurationException("SPEECH_REGION must be an Azure region name such as eastus2, got '" + r + "'");
            }
        });
        return new ConnectivitySettings(
                vars.bool("VOICE_LIVE_ENABLED", true),
                vars.text("SPEECH_KEY"),
                region,
                vars.url("SPEECH_ENDPOINT"),
                containerMode,
                containerHost,
                vars.text("CONTAINER_APP_NAME"),
                proxy(vars, "HTTP_PROXY"),
                proxy(vars, "HTTPS_PROXY"),
                vars.text("NO_PROXY").map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()).orElse(List.of()),
                Duration.ofMillis(vars.integer("ENGRAM_VOICELIVE_CONNECT_TIMEOUT_MS", 5_000, 100)));
    }

    private static Optional<URI> proxy(EnvVars vars, String name) {
        Optional<URI> proxy = vars.url(name);
        proxy.ifPresent(p -> {
            if (p.getPort() < 0 && !p.getScheme().startsWith("http")) {
                throw new ConfigurationException(name + " must be an http://host:port URL, got '" + p + "'");
            }
        });
        return proxy;
    }

    /** Running in Azure Container Apps (CONTAINER_APP_NAME set): cold starts are expected, so every attempt is spent. */
    public boolean inContainer() {
        return containerAppName.isPresent();
    }

    /** The proxy for a URL, unless NO_PROXY names its host ({@code *} matches all, {@code .example.com} a suffix). */
    public Optional<URI> proxyFor(URI target) {
        String host = target.getHost() == null ? "" : target.getHost().toLowerCase(Locale.ROOT);
        for (String entry : noProxy) {
            String e = entry.toLowerCase(Locale.ROOT);
            if (e.equals("*") || host.equals(e) || (e.startsWith(".") && host.endsWith(e)) || host.endsWith("." + e)) {
                return Optional.empty();
            }
        }
        boolean secure = target.getScheme().equalsIgnoreCase("https") || target.getScheme().equalsIgnoreCase("wss");
        return secure ? httpsProxy.or(() -> httpProxy) : httpProxy;
    }
}
