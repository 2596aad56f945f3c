package io.clusterca.ca.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The kubelet-serving checks Kubernetes leaves to an approver, after postfinance/kubelet-csr-approver
 * (internal/controller/regex_ip_checks.go DNSCheck and WhitelistedIPCheck).
 */
public final class ServingRules {
    private ServingRules() {}

    /**
     * Every DNS SAN is the node name or a name under it ({@code node-1}, {@code node-1.example.com}).
     * kubelet-csr-approver only checks {@code strings.HasPrefix(san, nodeName)}, which lets node
     * {@code node-1} claim {@code node-10.example.com}; we require the name to end or a dot to follow.
     * DNS is case-insensitive, so the comparison is too.
     */
    public static Rule dnsNamesUnderNodeName() {
        return (request, csr) -> {
            Optional<String> node = csr.nodeName().map(n -> n.toLowerCase(Locale.ROOT));
            if (node.isEmpty()) {
                return Optional.empty(); // the subject rules refuse a CN that names no node
            }
            return csr.dnsNames().stream()
                    .filter(name -> !isUnder(name.toLowerCase(Locale.ROOT), node.get()))
                    .findFirst()
                    .map(name -> "DNS subjectAltName " + name + " must be the node name " + csr.nodeName().get()
                            + " or start with " + csr.nodeName().get() + ".");
        };
    }

    /** Every DNS SAN matches the configured pattern entirely (kubelet-csr-approver's {@code --provider-regex}). */
    public static Rule dnsNamesMatch(Pattern pattern) {
        return (request, csr) -> csr.dnsNames().stream()
                .filter(name -> !pattern.matcher(name).matches())
                .findFirst()
                .map(name -> "DNS subjectAltName " + name + " does not match the allowed pattern " + pattern.pattern());
    }

    /** Every IP SAN lies in one of the ranges (kubelet-csr-approver's {@code --provider-ip-prefixes}). */
    public static Rule ipAddressesWithin(List<Cidr> ranges) {
        List<Cidr> allowed = List.copyOf(ranges);
        String listed = allowed.stream().map(Cidr::toString).collect(Collectors.joining(", ", "[", "]"));
        return (request, csr) -> csr.ipAddresses().stream()
                .filter(ip -> allowed.stream().noneMatch(range -> range.contains(ip)))
                .findFirst()
                .map(ip -> "IP subjectAltName " + Cidr.format(ip) + " is not within the allowed ranges " + listed);
    }

    /** The rules a {@link ServingPolicy} adds; none when it is unrestricted. */
    static List<Rule> of(ServingPolicy policy) {
        List<Rule> rules = new ArrayList<>();
        policy.dnsRegex().ifPresent(p -> rules.add(dnsNamesMatch(p)));
        if (!policy.allowedIpRanges().isEmpty()) {
            rules.add(ipAddressesWithin(policy.allowedIpRanges()));
        }
        return List.copyOf(rules);
    }

    private static boolean isUnder(String name, String node) {
        return name.equals(node) || name.startsWith(node + ".");
    }
}
