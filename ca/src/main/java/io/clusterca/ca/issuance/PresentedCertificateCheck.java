package io.clusterca.ca.issuance;

import java.security.cert.X509Certificate;
import java.util.Optional;

/** Whether a certificate a client presents may still be used to renew, e.g. not revoked. */
@FunctionalInterface
public interface PresentedCertificateCheck {
    PresentedCertificateCheck NONE = cert -> Optional.empty();

    /** @return why the certificate may not renew (e.g. {@code revoked by serialnumber 77fd...}), or empty */
    Optional<String> refuse(X509Certificate presented);
}
