package io.clusterca.ca.revocation;

import java.time.Instant;

/**
 * Why a certificate is revoked: the rule, the value of the certificate it matched (a DNS name under a
 * suffix rule, say) and when the rule came into force.
 */
public record RevocationMatch(RevocationRule rule, String matchedValue, Instant inForceSince) {

    /**
     * For refusals and events: {@code revoked by DNS .cluster.local (DNS name a.cluster.local,
     * RenewRevocation kube-system/x spec.revocations[1])}.
     */
    public String reason() {
        return "revoked by " + rule.describe() + " (" + rule.kind().attribute() + " " + matchedValue + ", "
                + rule.source().describe() + ")";
    }

    /**
     * The revocation time to publish for a certificate with this notBefore: when the rule came into
     * force, but never before the certificate existed (a rule can revoke certificates issued after it).
     */
    public Instant revocationTime(Instant certificateNotBefore) {
        return inForceSince.isBefore(certificateNotBefore) ? certificateNotBefore : inForceSince;
    }
}
