package io.clusterca.ca.revocation;

import io.clusterca.ca.net.IpAddresses;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An immutable snapshot of every revocation rule in force, answering "is this certificate revoked?"
 * in time independent of the number of rules: one hash lookup per serial, organization, DNS name, IP,
 * and one per label of each DNS name for suffix rules ({@code x.y.cluster.local} looks up
 * {@code y.cluster.local}, {@code cluster.local}, {@code local}).
 *
 * <p>Several rules may share a key with different notBefore. Coverage is monotonic (a rule without
 * notBefore covers everything; one with a later notBefore covers more), so each key keeps its rules
 * sorted by coverage and a binary search finds the covering ones; among those the match reports the
 * rule in force the longest, the earliest revocation time.
 */
public final class RevocationIndex {
    public static final RevocationIndex EMPTY = ofInForce(List.of(), 0);

    private final List<InForce> rules;
    private final long version;
    private final Map<String, Postings> serials;
    private final Map<String, Postings> groups;
    private final Map<String, Postings> dnsNames;
    private final Map<String, Postings> dnsSuffixes;
    private final Map<InetAddress, Postings> ips;

    private RevocationIndex(List<InForce> rules, long version) {
        this.rules = List.copyOf(rules);
        this.version = version;
        Map<String, List<InForce>> serial = new HashMap<>();
        Map<String, List<InForce>> group = new HashMap<>();
        Map<String, List<InForce>> dns = new HashMap<>();
        Map<String, List<InForce>> suffix = new HashMap<>();
        Map<InetAddress, List<InForce>> ip = new HashMap<>();
        for (InForce f : this.rules) {
            // Java 17 has no pattern matching for switch; the sealed hierarchy keeps this list complete.
            RevocationRule rule = f.rule();
            if (rule instanceof RevocationRule.BySerial r) {
                add(serial, r.serial(), f);
            } else if (rule instanceof RevocationRule.ByGroup r) {
                add(group, r.group(), f);
            } else if (rule instanceof RevocationRule.ByDnsName r) {
                add(dns, r.name(), f);
            } else if (rule instanceof RevocationRule.ByDnsSuffix r) {
                add(suffix, r.domain(), f);
            } else if (rule instanceof RevocationRule.ByIp r) {
                add(ip, r.address(), f);
            }
        }
        this.serials = postings(serial);
        this.groups = postings(group);
        this.dnsNames = postings(dns);
        this.dnsSuffixes = postings(suffix);
        this.ips = postings(ip);
    }

    /** An index whose rules have no known start; revocation times then fall back to the certificate's notBefore. */
    public static RevocationIndex of(Collection<? extends RevocationRule> rules) {
        return ofInForce(rules.stream().map(r -> new InForce(r, Instant.EPOCH)).toList(), 0);
    }

    /** @param version increases with every change, so caches (the CRL) know when to rebuild */
    public static RevocationIndex ofInForce(Collection<InForce> rules, long version) {
        return new RevocationIndex(List.copyOf(rules), version);
    }

    /** The rule that revokes this certificate, if any. */
    public Optional<RevocationMatch> check(CertificateFacts facts) {
        return find(facts, p -> p.covering(facts.notBefore()));
    }

    /**
     * Whether a rule without notBefore matches: such a rule revokes every future certificate with these
     * names too, so a request for one is refused outright.
     */
    public boolean refusesFutureIssuance(CertificateFacts facts) {
        return find(facts, Postings::permanent).isPresent();
    }

    public List<InForce> rules() {
        return rules;
    }

    public int size() {
        return rules.size();
    }

    public long version() {
        return version;
    }

    private Optional<RevocationMatch> find(CertificateFacts facts, Function<Postings, Optional<InForce>> select) {
        if (facts.serial().isPresent()) {
            Optional<RevocationMatch> m = lookup(serials, facts.serial().get(), facts.serial().get(), select);
            if (m.isPresent()) {
                return m;
            }
        }
        for (String o : facts.organizations()) {
            Optional<RevocationMatch> m = lookup(groups, o, o, select);
            if (m.isPresent()) {
                return m;
            }
        }
        for (String raw : facts.dnsNames()) {
            String name = DnsNames.normalize(raw);
            Optional<RevocationMatch> m = lookup(dnsNames, name, name, select);
            // Each proper parent domain: "x.y.z" -> "y.z", "z". The name itself is not under itself.
            for (int dot = name.indexOf('.'); m.isEmpty() && dot >= 0; dot = name.indexOf('.', dot + 1)) {
                m = lookup(dnsSuffixes, name.substring(dot + 1), name, select);
            }
            if (m.isPresent()) {
                return m;
            }
        }
        for (InetAddress ip : facts.ipAddresses()) {
            Optional<RevocationMatch> m = lookup(ips, ip, IpAddresses.format(ip), select);
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }

    private static <K> Optional<RevocationMatch> lookup(Map<K, Postings> map, K key, String matched,
                                                        Function<Postings, Optional<InForce>> select) {
        Postings p = map.get(key);
        if (p == null) {
            return Optional.empty();
        }
        return select.apply(p).map(f -> new RevocationMatch(f.rule(), matched, f.since()));
    }

    private static <K> void add(Map<K, List<InForce>> map, K key, InForce rule) {
        map.computeIfAbsent(key, k -> new ArrayList<>(1)).add(rule);
    }

    private static <K> Map<K, Postings> postings(Map<K, List<InForce>> grouped) {
        Map<K, Postings> out = new HashMap<>(grouped.size() * 4 / 3 + 1);
        grouped.forEach((k, v) -> out.put(k, new Postings(v)));
        return out;
    }

    /** The rules of one key, most covering first, with the earliest start among each prefix. */
    private static final class Postings {
        /** Most covering first: no notBefore, then latest notBefore first; ties by earliest start. */
        private static final Comparator<InForce> BY_COVERAGE = Comparator
                .<InForce, Instant>comparing(f -> f.rule().notBefore().orElse(Instant.MAX), Comparator.reverseOrder())
                .thenComparing(InForce::since);

        private final InForce[] rules;
        /** earliest[i]: the rule with the earliest {@code since} among rules[0..i]. */
        private final InForce[] earliest;

        Postings(List<InForce> list) {
            rules = list.toArray(InForce[]::new);
            Arrays.sort(rules, BY_COVERAGE);
            earliest = new InForce[rules.length];
            for (int i = 0; i < rules.length; i++) {
                earliest[i] = i == 0 || rules[i].since().isBefore(earliest[i - 1].since()) ? rules[i] : earliest[i - 1];
            }
        }

        /** The covering rule in force the longest, if any rule covers a certificate with this notBefore. */
        Optional<InForce> covering(Instant certificateNotBefore) {
            // Covering rules form a prefix; find its length by binary search.
            int lo = 0;
            int hi = rules.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (rules[mid].rule().covers(certificateNotBefore)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo == 0 ? Optional.empty() : Optional.of(earliest[lo - 1]);
        }

        Optional<InForce> permanent() {
            return rules[0].rule().notBefore().isEmpty() ? Optional.of(rules[0]) : Optional.empty();
        }
    }
}
