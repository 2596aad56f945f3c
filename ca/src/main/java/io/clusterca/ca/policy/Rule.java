package io.clusterca.ca.policy;

import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * One named check of a signer profile: a pure function of the request and the facts read from its
 * CSR that returns the reason for refusing, or empty when the request passes.
 */
@FunctionalInterface
public interface Rule {
    Optional<String> refusal(CertificateRequest request, CsrFacts csr);

    /** A rule that refuses with {@code reason} when {@code failing} holds. */
    static Rule refuseWhen(BiPredicate<CertificateRequest, CsrFacts> failing, String reason) {
        return (request, csr) -> failing.test(request, csr) ? Optional.of(reason) : Optional.empty();
    }
}
