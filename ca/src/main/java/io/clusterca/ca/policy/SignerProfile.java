package io.clusterca.ca.policy;

import io.clusterca.ca.authority.CaName;

/** The rules of one signer name: which CA signs, and what a request must satisfy. */
public interface SignerProfile {
    String signerName();

    CaName ca();

    PolicyDecision evaluate(CertificateRequest request);
}
