package io.clusterca.kube;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestConditionBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The status conditions of a certificates.k8s.io/v1 CSR. Approved and Denied are set through the
 * {@code /approval} subresource and are mutually exclusive; Failed through {@code /status}; none of the
 * three can be removed once added. A condition counts as set unless its status says {@code False} or
 * {@code Unknown} (the API server allows only {@code True} for these three).
 */
final class CsrConditions {
    static final String APPROVED = "Approved";
    static final String DENIED = "Denied";
    static final String FAILED = "Failed";

    /** Our reasons; {@code SignerValidationFailure} is the one kube-controller-manager's signer uses. */
    static final String REASON_APPROVED = "ClusterCAApproved";
    static final String REASON_DENIED = "ClusterCADenied";
    static final String REASON_SIGNER_VALIDATION_FAILURE = "SignerValidationFailure";

    private CsrConditions() {}

    static boolean has(CertificateSigningRequest csr, String type) {
        return conditions(csr).stream().anyMatch(c -> type.equals(c.getType())
                && !"False".equals(c.getStatus()) && !"Unknown".equals(c.getStatus()));
    }

    static Optional<CertificateSigningRequestCondition> find(CertificateSigningRequest csr, String type) {
        return conditions(csr).stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    static boolean isApproved(CertificateSigningRequest csr) {
        return has(csr, APPROVED) && !has(csr, DENIED);
    }

    static boolean isDecided(CertificateSigningRequest csr) {
        return has(csr, APPROVED) || has(csr, DENIED);
    }

    static boolean hasCertificate(CertificateSigningRequest csr) {
        CertificateSigningRequestStatus status = csr.getStatus();
        return status != null && status.getCertificate() != null && !status.getCertificate().isEmpty();
    }

    static CertificateSigningRequestCondition condition(String type, String reason, String message, Instant now) {
        String time = now.toString();
        return new CertificateSigningRequestConditionBuilder()
                .withType(type)
                .withStatus("True")
                .withReason(reason)
                .withMessage(message)
                .withLastUpdateTime(time)
                .withLastTransitionTime(time)
                .build();
    }

    private static List<CertificateSigningRequestCondition> conditions(CertificateSigningRequest csr) {
        CertificateSigningRequestStatus status = csr.getStatus();
        return status == null || status.getConditions() == null ? List.of() : status.getConditions();
    }
}
