package io.clusterca.ca.revocation;

import java.util.Locale;
import java.util.Optional;

/**
 * DNS names as revocation rules and certificates carry them. Names compare case-insensitively and
 * a single trailing dot (the fully qualified form) names the same host, so both are normalised away.
 * Validation follows RFC 1123 host names, the rule Kubernetes applies to DNS subdomain names.
 */
public final class DnsNames {
    static final int MAX_LENGTH = 253;
    static final int MAX_LABEL = 63;

    private DnsNames() {}

    /** Lower case, one trailing dot removed. */
    public static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** Why a normalised name is not a valid host name, or empty when it is. */
    static Optional<String> problem(String normalized) {
        if (normalized.isEmpty()) {
            return Optional.of("empty name");
        }
        if (normalized.length() > MAX_LENGTH) {
            return Optional.of("longer than " + MAX_LENGTH + " characters");
        }
        if (normalized.indexOf('*') >= 0) {
            return Optional.of("wildcards are not supported (a leading dot, as in .example.com, matches every name under example.com)");
        }
        for (String label : normalized.split("\\.", -1)) {
            if (label.isEmpty()) {
                return Optional.of("empty label");
            }
            if (label.length() > MAX_LABEL) {
                return Optional.of("label " + label + " is longer than " + MAX_LABEL + " characters");
            }
            if (!label.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return Optional.of("label " + label + " may contain only letters, digits and '-'");
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return Optional.of("label " + label + " must start and end with a letter or digit");
            }
        }
        return Optional.empty();
    }

    static String requireValid(String name) {
        String normalized = normalize(name);
        problem(normalized).ifPresent(p -> {
            throw new IllegalArgumentException("\"" + name + "\" is not a DNS name: " + p);
        });
        return normalized;
    }
}
