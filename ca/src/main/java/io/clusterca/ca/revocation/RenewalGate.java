package io.clusterca.ca.revocation;

import io.clusterca.ca.authority.LeafSpec;
import io.clusterca.ca.ledger.Ledger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where revocation is enforced: before a renewal ({@code POST /v1/renew}, the kubelet CSR controller)
 * and before any new issuance ({@code POST /v1/sign}, {@code clusterca sign}). A revoked certificate
 * can never be renewed, and a request whose certificate a rule would revoke at once is refused.
 */
public final class RenewalGate {
    private final Supplier<RevocationIndex> rules;
    private final Ledger ledger;
    private final Clock clock;

    public RenewalGate(Supplier<RevocationIndex> rules, Ledger ledger, Clock clock) {
        this.rules = Objects.requireNonNull(rules);
        this.ledger = Objects.requireNonNull(ledger);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Whether the latest certificate the ledger holds for {@code identity} ({@code LedgerEntry#identity()})
     * is revoked; empty also when the identity has none.
     */
    public Optional<RevocationMatch> currentCertificateRevoked(String identity) {
        return ledger.latest(identity).flatMap(e -> rules.get().check(CertificateFacts.of(e)));
    }

    /**
     * Shaped as the CSR controller's {@code RevokedIdentityCheck} ({@code gate::revokedReason}): why the
     * identity's current certificate is revoked, if it is.
     */
    public Optional<String> revokedReason(String identity) {
        return currentCertificateRevoked(identity).map(RevocationMatch::reason);
    }

    /** Whether the certificate a client presented (mutual TLS on {@code /v1/renew}) is revoked. */
    public Optional<RevocationMatch> checkPresented(X509Certificate presented) {
        return rules.get().check(CertificateFacts.of(presented));
    }

    /**
     * Shaped as the issuer's {@code PresentedCertificateCheck} ({@code gate::refusePresented}): why the
     * presented certificate may not renew, e.g. {@code revoked by serialnumber 77fd... (serial 77fd...,
     * RenewRevocation kube-system/stolen spec.revocations[0])}.
     */
    public Optional<String> refusePresented(X509Certificate presented) {
        return checkPresented(presented).map(RevocationMatch::reason);
    }

    /**
     * Shaped as the issuer's {@code IssuanceGate} ({@code gate::refuseIssuance}): why no certificate may be
     * signed from {@code spec} now.
     */
    public Optional<String> refuseIssuance(LeafSpec spec) {
        return checkRequested(spec).map(m -> "a certificate for this request would be " + m.reason());
    }

    /** Whether a certificate signed now from {@code spec} would be revoked the moment it is issued. */
    public Optional<RevocationMatch> checkRequested(LeafSpec spec) {
        return checkRequested(CertificateFacts.ofRequest(spec, clock.instant()));
    }

    /**
     * As {@link #checkRequested(LeafSpec)} for facts built by the caller. Rules without notBefore match,
     * and so do rules whose notBefore lies after the request's notBefore (a cut-off in the future).
     */
    public Optional<RevocationMatch> checkRequested(CertificateFacts requested) {
        return rules.get().check(requested);
    }
}
