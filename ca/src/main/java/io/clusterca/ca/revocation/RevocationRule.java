package io.clusterca.ca.revocation;

import io.clusterca.ca.net.IpAddresses;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a RenewRevocation's {@code spec.revocations}, validated and normalised. A rule without
 * {@code notBefore} revokes every existing and future matching certificate; with it, only those whose
 * notBefore is strictly earlier (issued before the instant).
 */
public sealed interface RevocationRule {
    RevocationKind kind();

    /** The normalised value as operators write it: a serial, a group, {@code a.b}, {@code .b}, an IP. */
    String value();

    Optional<Instant> notBefore();

    Optional<String> description();

    RuleSource source();

    /** For refusal messages: {@code serialnumber 77fd...}, {@code DNS .cluster.local issued before 2020-...}. */
    default String describe() {
        return kind().displayName() + " " + value() + notBefore().map(t -> " issued before " + t).orElse("");
    }

    /** Whether a matching certificate with this notBefore is revoked by the rule. */
    default boolean covers(Instant certificateNotBefore) {
        return notBefore().map(certificateNotBefore::isBefore).orElse(true);
    }

    /** The parts every kind of rule has besides its value; absent ones are empty Optionals, never null. */
    private static void requireCommonParts(Optional<Instant> notBefore, Optional<String> description,
                                           RuleSource source) {
        Objects.requireNonNull(notBefore);
        Objects.requireNonNull(description);
        Objects.requireNonNull(source);
    }

    /** Revokes the certificate with this serial (lowercase hex, no colons, no leading zeros). */
    record BySerial(String serial, Optional<Instant> notBefore, Optional<String> description, RuleSource source)
            implements RevocationRule {
        public BySerial {
            serial = HexSerials.normalize(serial);
            requireCommonParts(notBefore, description, source);
        }

        @Override
        public RevocationKind kind() {
            return RevocationKind.SERIAL_NUMBER;
        }

        @Override
        public String value() {
            return serial;
        }
    }

    /** Revokes certificates whose subject has this organization (O), which Kubernetes reads as a group. */
    record ByGroup(String group, Optional<Instant> notBefore, Optional<String> description, RuleSource source)
            implements RevocationRule {
        public ByGroup {
            if (group == null || group.isEmpty()) {
                throw new IllegalArgumentException("group must not be empty");
            }
            requireCommonParts(notBefore, description, source);
        }

        @Override
        public RevocationKind kind() {
            return RevocationKind.GROUP;
        }

        @Override
        public String value() {
            return group;
        }
    }

    /** Revokes certificates with exactly this DNS subject alternative name. */
    record ByDnsName(String name, Optional<Instant> notBefore, Optional<String> description, RuleSource source)
            implements RevocationRule {
        public ByDnsName {
            name = DnsNames.requireValid(name);
            requireCommonParts(notBefore, description, source);
        }

        @Override
        public RevocationKind kind() {
            return RevocationKind.DNS;
        }

        @Override
        public String value() {
            return name;
        }
    }

    /**
     * Revokes certificates with a DNS name strictly under {@code domain}: {@code .cluster.local} matches
     * {@code a.cluster.local} and {@code x.y.cluster.local} but not {@code cluster.local} itself, the way
     * a leading-dot domain reads in cookies, no_proxy and name constraints. Revoke the apex with a second,
     * exact rule. A wildcard name {@code *.cluster.local} is under {@code cluster.local}, so it matches.
     */
    record ByDnsSuffix(String domain, Optional<Instant> notBefore, Optional<String> description, RuleSource source)
            implements RevocationRule {
        public ByDnsSuffix {
            domain = DnsNames.requireValid(domain.startsWith(".") ? domain.substring(1) : domain);
            requireCommonParts(notBefore, description, source);
        }

        @Override
        public RevocationKind kind() {
            return RevocationKind.DNS;
        }

        @Override
        public String value() {
            return "." + domain;
        }
    }

    /** Revokes certificates with this IP subject alternative name (IPv4-mapped IPv6 is the IPv4 address). */
    record ByIp(InetAddress address, Optional<Instant> notBefore, Optional<String> description, RuleSource source)
            implements RevocationRule {
        public ByIp {
            // Drop any host name the caller's InetAddress carries: equality is by address bytes only.
            address = IpAddresses.fromBytes(address.getAddress());
            requireCommonParts(notBefore, description, source);
        }

        @Override
        public RevocationKind kind() {
            return RevocationKind.IP;
        }

        @Override
        public String value() {
            return IpAddresses.format(address);
        }
    }
}
