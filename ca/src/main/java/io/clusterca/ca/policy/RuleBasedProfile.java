package io.clusterca.ca.policy;

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.ExtendedKeyUsage;
import io.clusterca.ca.authority.LeafSpec;
import io.clusterca.ca.crypto.SignatureVerifiers;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.openssl.PEMException;

/**
 * A signer profile made of rules run in order (the first refusal is the answer) and the extended
 * key usages its certificates carry. The LeafSpec takes the CSR's subject, SANs and key; the EKUs
 * are the profile's, never what the CSR asks for, and nothing in the CSR can make the leaf a CA.
 */
public record RuleBasedProfile(String signerName, CaName ca, List<Rule> rules, Set<ExtendedKeyUsage> extendedKeyUsages)
        implements SignerProfile {

    public RuleBasedProfile {
        rules = List.copyOf(rules);
        extendedKeyUsages = Set.copyOf(extendedKeyUsages);
    }

    @Override
    public PolicyDecision evaluate(CertificateRequest request) {
        if (!request.signerName().equals(signerName)) {
            return new PolicyDecision.Refused("request is for signer " + request.signerName() + ", not " + signerName);
        }
        CsrFacts csr;
        try {
            csr = CsrFacts.of(request.csr());
        } catch (MalformedCsrException e) {
            return new PolicyDecision.Refused("malformed certificate request: " + e.getMessage());
        }
        for (Rule rule : rules) {
            Optional<String> refusal = rule.refusal(request, csr);
            if (refusal.isPresent()) {
                return new PolicyDecision.Refused(refusal.get());
            }
        }
        PublicKey key;
        try {
            key = SignatureVerifiers.MEASURED.publicKey(csr.publicKeyInfo());
        } catch (PEMException | RuntimeException e) {
            return new PolicyDecision.Refused("unreadable public key in the certificate request");
        }
        return new PolicyDecision.Approved(new LeafSpec(signerName, ca, csr.subject(), csr.dnsNames(),
                csr.ipAddresses(), csr.emailAddresses(), csr.uris(), extendedKeyUsages, key, request.expiration()));
    }
}
