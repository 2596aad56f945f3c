package io.clusterca.kube;

import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.policy.CertificateRequest;
import io.clusterca.ca.policy.ExpirationRules;
import io.clusterca.ca.policy.Requester;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** Reads a certificates.k8s.io/v1 CSR object as the engine's {@link CertificateRequest}. */
final class KubeCsrRequests {
    private KubeCsrRequests() {}

    /** A CSR object whose {@code spec.request} is not a base64 PEM certificate request. */
    static final class MalformedKubeCsrException extends IllegalArgumentException {
        MalformedKubeCsrException(String reason) {
            super(reason);
        }
    }

    /**
     * {@code spec.request} (base64 of the PEM), the requester the API server recorded ({@code spec.username},
     * {@code spec.groups}), {@code spec.usages} and {@code spec.expirationSeconds}.
     *
     * <p>{@code expirationSeconds} below 600 is raised to 600, as kube-controller-manager's signer does
     * (its lower bound, twice the allowed clock skew); the API server refuses such values anyway, so this only
     * matters for objects it did not validate. The upper bound is the CA's maximum, applied when signing.
     *
     * @throws MalformedKubeCsrException when {@code spec.request} is missing, not base64 or not a PEM CSR
     */
    static CertificateRequest toRequest(CertificateSigningRequest csr) {
        CertificateSigningRequestSpec spec = csr.getSpec();
        if (spec == null || spec.getRequest() == null || spec.getRequest().isEmpty()) {
            throw new MalformedKubeCsrException("spec.request is empty");
        }
        return new CertificateRequest(spec.getSignerName(), parse(spec.getRequest()), Optional.of(requester(spec)),
                expiration(spec.getExpirationSeconds()), Optional.ofNullable(spec.getUsages()).map(Set::copyOf));
    }

    static Optional<Duration> expiration(Integer expirationSeconds) {
        return Optional.ofNullable(expirationSeconds)
                .map(s -> Duration.ofSeconds(Math.max(s.longValue(), ExpirationRules.MINIMUM.toSeconds())));
    }

    private static Requester requester(CertificateSigningRequestSpec spec) {
        List<String> groups = spec.getGroups() == null ? List.of() : spec.getGroups();
        return new Requester(spec.getUsername() == null ? "" : spec.getUsername(), Set.copyOf(groups));
    }

    private static PKCS10CertificationRequest parse(String base64) {
        String pem;
        try {
            pem = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedKubeCsrException("spec.request is not valid base64: " + e.getMessage());
        }
        try {
            return Pem.csr(pem);
        } catch (Pem.MalformedPemException e) {
            throw new MalformedKubeCsrException("spec.request: " + e.getMessage());
        }
    }
}
