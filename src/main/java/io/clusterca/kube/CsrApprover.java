package io.clusterca.kube;

import io.clusterca.ca.authority.SubjectNames;
import io.clusterca.ca.policy.CertificateRequest;
import io.clusterca.ca.policy.PolicyDecision;
import io.clusterca.ca.policy.SignerProfiles;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import java.util.Optional;

/**
 * Decides CSRs for the signer names we serve, with the signer profiles' rules (who may ask, subject, SANs,
 * usages, key, lifetime; see ca/POLICY.md) and the revocation of the identity asked for. Every undecided CSR
 * for a signer we serve is approved or denied with a reason, never left pending; CSRs for other signers and
 * CSRs already approved or denied (by us, an administrator or kube-controller-manager) are ignored.
 * Pure: no I/O.
 */
public final class CsrApprover {
    private final SignerProfiles profiles;
    private final RevokedIdentityCheck revoked;

    public CsrApprover(SignerProfiles profiles, RevokedIdentityCheck revoked) {
        this.profiles = profiles;
        this.revoked = revoked;
    }

    public boolean serves(String signerName) {
        return signerName != null && profiles.forName(signerName).isPresent();
    }

    public CsrDecision decide(CertificateSigningRequest csr) {
        String signerName = csr.getSpec() == null ? null : csr.getSpec().getSignerName();
        if (!serves(signerName)) {
            return new CsrDecision.Ignore("signer " + signerName + " is not served by ClusterCA");
        }
        if (CsrConditions.isDecided(csr)) {
            return new CsrDecision.Ignore("already " + (CsrConditions.has(csr, CsrConditions.DENIED) ? "denied" : "approved"));
        }
        CertificateRequest request;
        try {
            request = KubeCsrRequests.toRequest(csr);
        } catch (KubeCsrRequests.MalformedKubeCsrException e) {
            return new CsrDecision.Deny(e.getMessage());
        }
        PolicyDecision decision = profiles.evaluate(request);
        if (decision instanceof PolicyDecision.Refused refused) {
            return new CsrDecision.Deny(refused.reason());
        }
        String commonName = SubjectNames.commonName(((PolicyDecision.Approved) decision).spec().subject()).orElse("");
        Optional<String> revocation = revoked.revokedReason(RevokedIdentityCheck.identity(signerName, commonName));
        if (revocation.isPresent()) {
            return new CsrDecision.Deny(revokedMessage(commonName, revocation.get()));
        }
        String requester = request.requester().map(r -> r.username()).orElse("");
        return new CsrDecision.Approve("ClusterCA policy for " + signerName + " allows " + requester + " to request "
                + commonName);
    }

    static String revokedMessage(String commonName, String rule) {
        return "the current certificate of " + commonName + " is revoked (" + rule + "): it cannot be renewed";
    }
}
