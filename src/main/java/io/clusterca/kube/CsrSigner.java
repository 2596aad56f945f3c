package io.clusterca.kube;

import io.clusterca.ca.authority.SubjectNames;
import io.clusterca.ca.policy.CertificateRequest;
import io.clusterca.ca.policy.SignerProfiles;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import java.util.Optional;

/**
 * Decides which CSRs to sign, as kube-controller-manager's signer does: approved (and not denied), not
 * failed, no certificate yet, for a signer name we serve, whoever approved it. The issuer then applies the
 * signer profile again, so an administrator's approval of a request our policy refuses ends as a Failed
 * condition, not a certificate. A renewal of a revoked identity fails here even when approved. Pure.
 */
public final class CsrSigner {
    private final SignerProfiles profiles;
    private final RevokedIdentityCheck revoked;

    public CsrSigner(SignerProfiles profiles, RevokedIdentityCheck revoked) {
        this.profiles = profiles;
        this.revoked = revoked;
    }

    public SigningStep decide(CertificateSigningRequest csr) {
        String signerName = csr.getSpec() == null ? null : csr.getSpec().getSignerName();
        if (signerName == null || profiles.forName(signerName).isEmpty()) {
            return new SigningStep.Skip("signer " + signerName + " is not served by ClusterCA");
        }
        if (!CsrConditions.isApproved(csr)) {
            return new SigningStep.Skip(CsrConditions.has(csr, CsrConditions.DENIED) ? "denied" : "not approved");
        }
        if (CsrConditions.has(csr, CsrConditions.FAILED)) {
            return new SigningStep.Skip("failed");
        }
        if (CsrConditions.hasCertificate(csr)) {
            return new SigningStep.Skip("already signed");
        }
        CertificateRequest request;
        try {
            request = KubeCsrRequests.toRequest(csr);
        } catch (KubeCsrRequests.MalformedKubeCsrException e) {
            return new SigningStep.Fail(e.getMessage());
        }
        Optional<String> commonName = SubjectNames.commonName(request.csr().getSubject());
        if (commonName.isPresent()) {
            Optional<String> revocation = revoked.revokedReason(RevokedIdentityCheck.identity(signerName, commonName.get()));
            if (revocation.isPresent()) {
                return new SigningStep.Fail(CsrApprover.revokedMessage(commonName.get(), revocation.get()));
            }
        }
        return new SigningStep.Sign(request);
    }
}
