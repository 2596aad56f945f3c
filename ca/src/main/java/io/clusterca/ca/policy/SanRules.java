package io.clusterca.ca.policy;

import io.clusterca.ca.net.IpAddresses;
import static io.clusterca.ca.policy.Rule.refuseWhen;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rules on the subject alternative names, worded as pkg/apis/certificates/helpers.go words them
 * (e.g. {@code DNS subjectAltNames are not allowed}).
 */
public final class SanRules {
    /** RFC 1123 labels; an optional leading {@code *} label (wildcards are refused separately where they matter). */
    private static final Pattern DNS_NAME = Pattern.compile(
            "(\\*\\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final int MAX_DNS_NAME_LENGTH = 253;

    private SanRules() {}

    public static Rule noDnsNames() {
        return refuseWhen((request, csr) -> !csr.dnsNames().isEmpty(), "DNS subjectAltNames are not allowed");
    }

    public static Rule noIpAddresses() {
        return refuseWhen((request, csr) -> !csr.ipAddresses().isEmpty(), "IP subjectAltNames are not allowed");
    }

    public static Rule noEmailAddresses() {
        return refuseWhen((request, csr) -> !csr.emailAddresses().isEmpty(), "Email subjectAltNames are not allowed");
    }

    public static Rule noUris() {
        return refuseWhen((request, csr) -> !csr.uris().isEmpty(), "URI subjectAltNames are not allowed");
    }

    public static Rule dnsOrIpRequired() {
        return refuseWhen((request, csr) -> csr.dnsNames().isEmpty() && csr.ipAddresses().isEmpty(),
                "DNS or IP subjectAltName is required");
    }

    /**
     * No otherName, directoryName, ... SANs: the CA would not copy them into the certificate (neither
     * does Kubernetes' signer), and silently issuing less than was asked for hides mistakes.
     */
    public static Rule supportedTypesOnly() {
        return (request, csr) -> csr.unsupportedNameTypes().stream().findFirst()
                .map(type -> "subjectAltName of type " + type + " is not supported");
    }

    /** Every DNS SAN is a syntactically valid host name (RFC 1123), optionally with a leading {@code *.} label. */
    public static Rule validDnsNames() {
        return (request, csr) -> csr.dnsNames().stream()
                .filter(name -> name.length() > MAX_DNS_NAME_LENGTH || !DNS_NAME.matcher(name).matches())
                .findFirst()
                .map(name -> "DNS subjectAltName " + name + " is not a valid DNS name");
    }

    public static Rule noWildcardDnsNames() {
        return (request, csr) -> csr.dnsNames().stream().filter(name -> name.contains("*")).findFirst()
                .map(name -> "wildcard DNS subjectAltName " + name + " is not allowed");
    }
}
