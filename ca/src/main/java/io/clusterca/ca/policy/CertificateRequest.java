package io.clusterca.ca.policy;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A request to evaluate: the CSR, who asks (empty = an administrator signing offline with the CLI,
 * where only the CSR's content is checked), the lifetime asked for, and for Kubernetes CSRs the
 * {@code spec.usages} (empty when the transport has no such field).
 */
public record CertificateRequest(
        String signerName,
        PKCS10CertificationRequest csr,
        Optional<Requester> requester,
        Optional<Duration> expiration,
        Optional<Set<String>> usages) {
}
