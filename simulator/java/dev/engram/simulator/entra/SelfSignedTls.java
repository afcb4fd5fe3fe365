package dev.engram.simulator.entra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made in-process at start-up (RSA 2048, two days): a PKCS12
 * key store for the server and a trust store (and PEM) holding only that certificate for clients. Nothing is trusted
 * JVM-wide.
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
            SecureRandom random = new SecureRandom();
            random.nextBytes(secret);
            String password = HexFormat.of().formatHex(secret);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            KeyPair keys = generator.generateKeyPair();
            X509Certificate certificate = certificate(keys, random);
            Path keyStore = dir.resolve("server.p12");
            Path trustStore = dir.resolve("trust.p12");
            Path pem = dir.resolve("ca.pem");
            KeyStore server = KeyStore.getInstance("PKCS12");
            server.load(null, null);
            server.setKeyEntry("engram", keys.getPrivate(), password.toCharArray(), new Certificate[] {certificate});
            store(server, keyStore, password);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("engram", certificate);
            store(trust, trustStore, password);
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n");
            return new SelfSignedTls(keyStore, trustStore, pem, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a self-signed certificate", e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static X509Certificate certificate(KeyPair keys, SecureRandom random) throws GeneralSecurityException, IOException, OperatorCreationException {
        X500Name name = new X500Name("CN=localhost");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, random),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(2))), name, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }

    private static void store(KeyStore store, Path file, String password) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
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
