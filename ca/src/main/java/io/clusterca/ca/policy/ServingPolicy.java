package io.clusterca.ca.policy;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The extra checks on kubelet serving certificates that clusters otherwise install
 * postfinance/kubelet-csr-approver for ({@code --provider-regex}, {@code --provider-ip-prefixes}).
 *
 * @param dnsRegex        when present, every DNS SAN must match it entirely ({@link java.util.regex.Matcher#matches()};
 *                        unlike Go's {@code regexp.MatchString}, an unanchored pattern cannot match a substring)
 * @param allowedIpRanges when non-empty, every IP SAN must lie in one of them; empty = any IP
 */
public record ServingPolicy(Optional<Pattern> dnsRegex, List<Cidr> allowedIpRanges) {
    public ServingPolicy {
        allowedIpRanges = List.copyOf(allowedIpRanges);
    }

    /** Only the Kubernetes rules and the node-name rule; no regex, any IP. */
    public static ServingPolicy unrestricted() {
        return new ServingPolicy(Optional.empty(), List.of());
    }

    /**
     * From configuration text (flags, environment).
     *
     * @throws IllegalArgumentException naming the bad regex or CIDR
     */
    public static ServingPolicy parse(Optional<String> dnsRegex, List<String> allowedIpRanges) {
        return new ServingPolicy(dnsRegex.map(Pattern::compile),
                allowedIpRanges.stream().map(Cidr::parse).toList());
    }
}
