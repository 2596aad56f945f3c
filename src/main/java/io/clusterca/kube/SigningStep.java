package io.clusterca.kube;

import io.clusterca.ca.policy.CertificateRequest;

/** What the signer does with a CSR: issue a certificate, mark it Failed, or nothing. */
public sealed interface SigningStep {
    record Sign(CertificateRequest request) implements SigningStep {}

    /** @param message the condition's message, e.g. the policy rule the request breaks */
    record Fail(String message) implements SigningStep {}

    /** @param why for logs: not our signer, not approved, denied, failed or already signed */
    record Skip(String why) implements SigningStep {}
}
