package io.clusterca.ca.revocation;

import static io.clusterca.ca.revocation.Rules.facts;
import static io.clusterca.ca.revocation.Rules.rule;
import static io.clusterca.ca.revocation.Rules.withDns;
import static io.clusterca.ca.revocation.Rules.withIp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RevocationIndexTest {
    private static final Instant Y2019 = Instant.parse("2019-06-01T00:00:00Z");
    private static final Instant Y2021 = Instant.parse("2021-06-01T00:00:00Z");
    private static final Instant Y2023 = Instant.parse("2023-06-01T00:00:00Z");
    private static final Instant Y2030 = Instant.parse("2030-06-01T00:00:00Z");

    private static RevocationIndex index(RevocationRule... rules) {
        return RevocationIndex.of(List.of(rules));
    }

    private static boolean revoked(RevocationIndex index, CertificateFacts facts) {
        return index.check(facts).isPresent();
    }

    @Test
    void emptyIndexRevokesNothing() {
        assertEquals(Optional.empty(), RevocationIndex.EMPTY.check(facts("ab", List.of("system:nodes"),
                List.of("a.b"), List.of("10.0.0.1"), Y2021)));
    }

    @Test
    void serialRuleRevokesThatSerialOnly() {
        RevocationIndex index = index(rule("serialnumber", "77:FD:F4:B1"));

        assertTrue(revoked(index, facts("77fdf4b1", List.of(), List.of(), List.of(), Y2021)));
        assertFalse(revoked(index, facts("77fdf4b2", List.of(), List.of(), List.of(), Y2021)));
    }

    @Test
    void serialRuleWithNotBeforeRevokesOnlyCertificatesIssuedBeforeIt() {
        RevocationIndex index = index(rule("serialnumber", "77fdf4b1", "2021-06-01T00:00:00Z"));

        assertTrue(revoked(index, facts("77fdf4b1", List.of(), List.of(), List.of(), Y2019)));
        assertFalse(revoked(index, facts("77fdf4b1", List.of(), List.of(), List.of(), Y2023)));
    }

    @Test
    void groupRuleMatchesAnyOrganizationOfTheSubject() {
        RevocationIndex index = index(rule("Group", "system:nodes"));

        assertTrue(revoked(index, facts("1", List.of("team-a", "system:nodes"), List.of(), List.of(), Y2021)));
        assertFalse(revoked(index, facts("1", List.of("system:masters"), List.of(), List.of(), Y2021)));
    }

    @Test
    void groupMatchIsCaseSensitiveLikeKubernetesGroups() {
        assertFalse(revoked(index(rule("Group", "system:nodes")),
                facts("1", List.of("System:Nodes"), List.of(), List.of(), Y2021)));
    }

    @Test
    void groupRuleWithNotBeforeSparesCertificatesIssuedAfterIt() {
        RevocationIndex index = index(rule("Group", "system:nodes", "2021-06-01T00:00:00Z"));

        assertTrue(revoked(index, facts("1", List.of("system:nodes"), List.of(), List.of(), Y2019)));
        assertFalse(revoked(index, facts("1", List.of("system:nodes"), List.of(), List.of(), Y2023)));
    }

    @Test
    void ruleWithoutNotBeforeRevokesCertificatesIssuedAtAnyTime() {
        RevocationIndex index = index(rule("Group", "system:nodes"));

        assertTrue(revoked(index, facts("1", List.of("system:nodes"), List.of(), List.of(), Y2019)));
        assertTrue(revoked(index, facts("2", List.of("system:nodes"), List.of(), List.of(), Y2030)));
    }

    @Test
    void certificateIssuedExactlyAtNotBeforeIsNotRevoked() {
        RevocationIndex index = index(rule("DNS", "a.b", "2021-06-01T00:00:00Z"));

        assertFalse(revoked(index, withDns("a.b", Y2021)));
        assertTrue(revoked(index, withDns("a.b", Y2021.minusMillis(1))));
    }

    @Test
    void exactDnsRuleIgnoresCaseAndTrailingDots() {
        RevocationIndex index = index(rule("DNS", "kubernetes.default.svc."));

        assertTrue(revoked(index, withDns("Kubernetes.Default.SVC", Y2021)));
        assertTrue(revoked(index, withDns("kubernetes.default.svc.", Y2021)));
    }

    @Test
    void exactDnsRuleDoesNotMatchNamesUnderIt() {
        RevocationIndex index = index(rule("DNS", "kubernetes.default.svc"));

        assertFalse(revoked(index, withDns("kubernetes.default.svc.cluster.local", Y2021)));
        assertFalse(revoked(index, withDns("x.kubernetes.default.svc", Y2021)));
    }

    @Test
    void exactDnsRuleWithNotBeforeSparesNewerCertificates() {
        RevocationIndex index = index(rule("DNS", "node-1.example.com", "2021-06-01T00:00:00Z"));

        assertTrue(revoked(index, withDns("node-1.example.com", Y2019)));
        assertFalse(revoked(index, withDns("node-1.example.com", Y2023)));
    }

    @Test
    void suffixRuleMatchesEveryNameUnderTheDomain() {
        RevocationIndex index = index(rule("DNS", ".cluster.local"));

        assertTrue(revoked(index, withDns("a.cluster.local", Y2021)));
        assertTrue(revoked(index, withDns("x.y.cluster.local", Y2021)));
        assertTrue(revoked(index, withDns("A.Cluster.Local.", Y2021)));
    }

    @Test
    void suffixRuleDoesNotMatchTheDomainItself() {
        assertFalse(revoked(index(rule("DNS", ".cluster.local")), withDns("cluster.local", Y2021)));
    }

    @Test
    void suffixRuleMatchesWholeLabelsOnly() {
        assertFalse(revoked(index(rule("DNS", ".cluster.local")), withDns("evilcluster.local", Y2021)));
    }

    @Test
    void suffixRuleMatchesAWildcardNameUnderTheDomain() {
        assertTrue(revoked(index(rule("DNS", ".cluster.local")), withDns("*.svc.cluster.local", Y2021)));
    }

    @Test
    void suffixRuleWithNotBeforeSparesNewerCertificates() {
        RevocationIndex index = index(rule("DNS", ".node-1.example.com", "2021-06-01T00:00:00Z"));

        assertTrue(revoked(index, withDns("kubelet.node-1.example.com", Y2019)));
        assertFalse(revoked(index, withDns("kubelet.node-1.example.com", Y2023)));
    }

    @Test
    void matchReportsTheCertificateNameTheSuffixMatched() {
        RevocationMatch match = index(rule("DNS", ".cluster.local")).check(
                facts("1", List.of(), List.of("other.example", "X.Cluster.Local"), List.of(), Y2021)).orElseThrow();

        assertEquals("x.cluster.local", match.matchedValue());
        assertEquals("revoked by DNS .cluster.local (DNS name x.cluster.local, RenewRevocation test/rules spec.revocations[0])",
                match.reason());
    }

    @Test
    void ipv4RuleMatchesThatAddressOnly() {
        RevocationIndex index = index(rule("IP", "170.63.128.124"));

        assertTrue(revoked(index, withIp("170.63.128.124", Y2021)));
        assertFalse(revoked(index, withIp("170.63.128.125", Y2021)));
    }

    @Test
    void ipv6RuleMatchesEveryTextFormOfTheAddress() {
        RevocationIndex index = index(rule("IP", "::1"));

        assertTrue(revoked(index, withIp("0:0:0:0:0:0:0:1", Y2021)));
        assertTrue(revoked(index, withIp("::0001", Y2021)));
    }

    @Test
    void ipv4RuleMatchesTheIpv4MappedIpv6FormAndBack() {
        assertTrue(revoked(index(rule("IP", "10.0.0.1")), withIp("::ffff:10.0.0.1", Y2021)));
        assertTrue(revoked(index(rule("IP", "::ffff:10.0.0.1")), withIp("10.0.0.1", Y2021)));
    }

    @Test
    void ipRuleWithNotBeforeSparesNewerCertificates() {
        RevocationIndex index = index(rule("IP", "2001:db8::7", "2021-06-01T00:00:00Z"));

        assertTrue(revoked(index, withIp("2001:DB8::7", Y2019)));
        assertFalse(revoked(index, withIp("2001:db8::7", Y2023)));
    }

    @Test
    void ofSeveralRulesForOneKeyTheLatestNotBeforeDecides() {
        RevocationIndex index = index(
                rule("DNS", "a.b", "2021-06-01T00:00:00Z"),
                rule("DNS", "a.b", "2023-06-01T00:00:00Z"),
                rule("DNS", "a.b", "2020-01-01T00:00:00Z"));

        assertTrue(revoked(index, withDns("a.b", Instant.parse("2022-06-01T00:00:00Z"))));
        assertFalse(revoked(index, withDns("a.b", Instant.parse("2024-01-01T00:00:00Z"))));
    }

    @Test
    void aRuleWithoutNotBeforeDominatesRulesWithOneForTheSameKey() {
        RevocationIndex index = index(rule("IP", "10.0.0.1", "2021-06-01T00:00:00Z"), rule("IP", "10.0.0.1"));

        assertTrue(revoked(index, withIp("10.0.0.1", Y2030)));
        assertTrue(index.refusesFutureIssuance(withIp("10.0.0.1", Y2030)));
    }

    @Test
    void ofSeveralCoveringRulesTheMatchIsTheOneInForceLongest() {
        InForce early = new InForce(rule("Group", "g", "2021-06-01T00:00:00Z"), Instant.parse("2021-06-02T00:00:00Z"));
        InForce late = new InForce(rule("Group", "g", "2023-06-01T00:00:00Z"), Instant.parse("2023-06-02T00:00:00Z"));
        RevocationIndex index = RevocationIndex.ofInForce(List.of(late, early), 1);

        RevocationMatch match = index.check(facts("1", List.of("g"), List.of(), List.of(), Y2019)).orElseThrow();
        assertEquals(early.rule(), match.rule());
        assertEquals(early.since(), match.inForceSince());
        assertEquals(late.rule(), index.check(facts("1", List.of("g"), List.of(), List.of(), Y2021)).orElseThrow().rule());
    }

    @Test
    void aCertificateMatchingNoKeyIsNotRevokedWhateverElseIsIndexed() {
        RevocationIndex index = index(rule("serialnumber", "aa"), rule("Group", "g"), rule("DNS", "a.b"),
                rule("DNS", ".c.d"), rule("IP", "10.0.0.1"));

        assertEquals(Optional.empty(), index.check(facts("bb", List.of("h"), List.of("a.bb", "c.d", "b"),
                List.of("10.0.0.2"), Y2021)));
    }

    @Test
    void refusesFutureIssuanceOnlyForRulesWithoutNotBefore() {
        RevocationIndex index = index(rule("DNS", ".banned.example"), rule("DNS", ".old.example", "2021-06-01T00:00:00Z"));

        assertTrue(index.refusesFutureIssuance(withDns("x.banned.example", Y2030)));
        assertFalse(index.refusesFutureIssuance(withDns("x.old.example", Y2019)));
    }

    @Test
    void revocationTimeIsNeverBeforeTheCertificateExisted() {
        RevocationMatch match = new RevocationMatch(rule("Group", "g"), "g", Y2019);

        assertEquals(Y2021, match.revocationTime(Y2021));
        assertEquals(Y2019, match.revocationTime(Instant.parse("2018-01-01T00:00:00Z")));
    }
}
