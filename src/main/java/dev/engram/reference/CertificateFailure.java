package dev.engram.reference;

/** Whether a connection failed on the endpoint's certificate, wherever that sits in the cause chain. */
final class CertificateFailure {
    private CertificateFailure() {}

    static java.util.Optional<Throwable> in(Throwable error) {
        for (Throwable c = error; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof javax.net.ssl.SSLException || c instanceof java.security.cert.CertificateException
                    || c instanceof java.security.cert.CertPathValidatorException || c instanceof java.security.cert.CertPathBuilderException) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }
}
