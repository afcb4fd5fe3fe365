package dev.engram.reference;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Entra ID token validation settings (the SOP names no variables for them; these follow upstream's naming):
 * {@code AZURE_AD_TENANT_ID}, {@code AZURE_AD_AUDIENCE} (the API's app id URI or client id),
 * {@code AZURE_AD_AUTHORITY_HOST} (default {@code https://login.microsoftonline.com}), and {@code REQUESTS_CA_BUNDLE}
 * to trust a private authority's certificate (a PEM file).
 */
public record EntraSettings(String tenant, String audience, URI authorityHost, Optional<Path> caBundle) {

    static Optional<EntraSettings> from(EnvVars vars) {
        Optional<String> tenant = vars.text("AZURE_AD_TENANT_ID");
        Optional<String> audience = vars.text("AZURE_AD_AUDIENCE");
        if (tenant.isEmpty() && audience.isEmpty()) {
            return Optional.empty();
        }
        if (tenant.isEmpty() || audience.isEmpty()) {
            throw new ConfigurationException((tenant.isEmpty() ? "AZURE_AD_TENANT_ID" : "AZURE_AD_AUDIENCE")
                    + " must be set too: Entra ID validation needs both AZURE_AD_TENANT_ID and AZURE_AD_AUDIENCE");
        }
        URI host = vars.url("AZURE_AD_AUTHORITY_HOST").orElse(URI.create("https://login.microsoftonline.com"));
        if (!"https".equals(host.getScheme())) {
            throw new ConfigurationException("AZURE_AD_AUTHORITY_HOST must be an https URL, got '" + host + "'");
        }
        Optional<Path> bundle = vars.text("REQUESTS_CA_BUNDLE").map(Path::of);
        bundle.ifPresent(path -> {
            if (!Files.isReadable(path)) {
                throw new ConfigurationException("REQUESTS_CA_BUNDLE names a file that cannot be read: " + path);
            }
        });
        return Optional.of(new EntraSettings(tenant.get(), audience.get(), host, bundle));
    }

    public String issuer() {
        return authorityHost.toString().replaceAll("/+$", "") + "/" + tenant + "/v2.0";
    }

    public String discovery() {
        return issuer() + "/.well-known/openid-configuration";
    }
}
