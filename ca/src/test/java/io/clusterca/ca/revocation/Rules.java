package io.clusterca.ca.revocation;

import io.clusterca.ca.net.IpAddresses;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Terse rule construction for tests, through the real parser so tests also exercise normalisation. */
final class Rules {
    private Rules() {}

    static RevocationRule rule(String kind, String value) {
        return parseOne(Map.of("kind", kind, field(kind), value));
    }

    static RevocationRule rule(String kind, String value, String notBefore) {
        return parseOne(Map.of("kind", kind, field(kind), value, "notBefore", notBefore));
    }

    static RevocationRule parseOne(Map<String, Object> entry) {
        ParsedSpec parsed = RevocationSpecParser.parse(Map.of("revocations", List.of(entry)), "test", "rules");
        if (!parsed.valid()) {
            throw new IllegalArgumentException(parsed.errors().toString());
        }
        return parsed.rules().get(0);
    }

    static CertificateFacts facts(String serial, List<String> organizations, List<String> dnsNames,
                                  List<String> ips, Instant notBefore) {
        return new CertificateFacts(Optional.ofNullable(serial), organizations, dnsNames,
                ips.stream().map(ip -> IpAddresses.parse(ip).orElseThrow()).toList(), notBefore);
    }

    static CertificateFacts withDns(String name, Instant notBefore) {
        return facts("1", List.of(), List.of(name), List.of(), notBefore);
    }

    static CertificateFacts withIp(String ip, Instant notBefore) {
        return facts("1", List.of(), List.of(), List.of(ip), notBefore);
    }

    private static String field(String kind) {
        return RevocationKind.parse(kind).orElseThrow().field();
    }
}
