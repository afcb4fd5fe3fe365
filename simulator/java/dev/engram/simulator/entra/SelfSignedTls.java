package dev.engram.simulator.entra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made at start-up with the JDK's keytool: a PKCS12 key store
 * for the server and a trust store (and PEM) holding only that certificate for clients. Nothing is trusted JVM-wide.
 */
public final class SelfSignedTls {
    private final Path keyStore;
    private final Path trustStore;
    private final Path pem;
    private final String password;

    private SelfSignedTls(Path keyStore, Path trustStore, Path pem, String password) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
        this.pem = pem;
        this.password = password;
    }

    public static SelfSignedTls create() {
        try {
            Path dir = Files.createTempDirectory("engram-tls-");
            byte[] secret = new byte[12];
            new SecureRandom().nextBytes(secret);
            String password = HexFormat.of().formatHex(secret);
            Path keyStore = dir.resolve("server.p12");
            Path pem = dir.resolve("ca.pem");
            Path trustStore = dir.resolve("trust.p12");
            keytool("-genkeypair", "-alias", "engram", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", keyStore.toString(), "-storepass", password, "-keypass", password);
            keytool("-exportcert", "-rfc", "-alias", "engram", "-keystore", keyStore.toString(), "-storepass", password,
                    "-file", pem.toString());
            keytool("-importcert", "-noprompt", "-alias", "engram", "-file", pem.toString(), "-storetype", "PKCS12",
                    "-keystore", trustStore.toString(), "-storepass", password);
            return new SelfSignedTls(keyStore, trustStore, pem, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a self-signed certificate", e);
        }
    }

    private static void keytool(String... args) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }

    public Path keyStore() {
        return keyStore;
    }

    public Path trustStore() {
        return trustStore;
    }

    /** The certificate as PEM, the form {@code REQUESTS_CA_BUNDLE} and most clients take. */
    public Path pem() {
        return pem;
    }

    public String password() {
        return password;
    }

    /** An SSLContext that trusts exactly this certificate. */
    public SSLContext clientContext() {
        return trusting(trustStore, password);
    }

    public static SSLContext trusting(Path trustStore, String password) {
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load trust store " + trustStore + ": " + e.getMessage(), e);
        }
    }
}
