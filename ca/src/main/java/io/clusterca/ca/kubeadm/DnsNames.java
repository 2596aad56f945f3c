package io.clusterca.ca.kubeadm;

import java.util.regex.Pattern;

/**
 * The name rules kubeadm applies to SANs (cmd/kubeadm/app/util/pkiutil/pki_helpers.go,
 * appendSANsToAltNames): an RFC 1123 subdomain as apimachinery's IsDNS1123Subdomain defines it
 * (lower case, at most 253 characters), or the same with a leading {@code *.} wildcard label.
 */
final class DnsNames {
    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
    private static final int MAX_LENGTH = 253;

    private DnsNames() {}

    static boolean isSubdomain(String name) {
        return name != null && name.length() <= MAX_LENGTH && SUBDOMAIN.matcher(name).matches();
    }

    static boolean isWildcardSubdomain(String name) {
        return name != null && name.startsWith("*.") && isSubdomain(name.substring(2));
    }

    static String requireSubdomain(String name, String what) {
        if (!isSubdomain(name)) {
            throw new IllegalArgumentException(what + " \"" + name
                    + "\" is not a valid DNS name (RFC 1123: lower-case letters, digits, '-' and '.')");
        }
        return name;
    }
}
