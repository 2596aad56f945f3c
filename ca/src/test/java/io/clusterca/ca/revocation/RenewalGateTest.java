package io.clusterca.ca.revocation;

import static io.clusterca.ca.revocation.Rules.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.authority.ExtendedKeyUsage;
import io.clusterca.ca.authority.LeafSpec;
import io.clusterca.ca.ledger.InMemoryLedger;
import io.clusterca.ca.ledger.LedgerEntry;
import io.clusterca.ca.revocation.RevocationRegistryTest.MutableClock;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RenewalGateTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static CertificateAuthority ca;

    private final MutableClock clock = new MutableClock(NOW);
    private final RevocationRegistry registry = new RevocationRegistry(clock);
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final RenewalGate gate = new RenewalGate(registry, ledger, clock);

    @BeforeAll
    static void createCa() {
        ca = TestPki.root(CaName.KUBERNETES_CA, NOW.minus(Duration.ofDays(10)));
    }

    private LedgerEntry issue(String node, Instant at) {
        return ledger.record(TestPki.kubelet(ca, at, node), TestPki.KUBELET_CLIENT, ca.name().id(), "test");
    }

    private static LeafSpec request(String node) {
        return new LeafSpec(TestPki.KUBELET_CLIENT, CaName.KUBERNETES_CA, new X500Name("O=system:nodes,CN=system:node:" + node),
                List.of(node + ".nodes.cluster.local"), List.of(), List.of(), List.of(), Set.of(ExtendedKeyUsage.CLIENT_AUTH),
                TestPki.LEAF_KEY, Optional.empty());
    }

    @Test
    void currentCertificateIsTheLatestOfTheIdentity() {
        LedgerEntry older = issue("n1", NOW.minus(Duration.ofDays(3)));
        issue("n1", NOW.minus(Duration.ofDays(1)));
        registry.replaceSource("test", List.of(rule("serialnumber", older.serial())));

        assertEquals(Optional.empty(), gate.currentCertificateRevoked(older.identity()));
    }

    @Test
    void currentCertificateRevokedReportsTheMatchingRule() {
        LedgerEntry current = issue("n1", NOW.minus(Duration.ofDays(1)));
        registry.replaceSource("test", List.of(rule("Group", "system:nodes", "2026-03-01T00:00:00Z")));

        RevocationMatch match = gate.currentCertificateRevoked(current.identity()).orElseThrow();

        assertEquals("Group system:nodes issued before 2026-03-01T00:00:00Z", match.rule().describe());
    }

    @Test
    void revokedReasonExplainsTheCurrentCertificatesRevocation() {
        LedgerEntry current = issue("n1", NOW.minus(Duration.ofDays(1)));
        registry.replaceSource("test", List.of(rule("DNS", ".nodes.cluster.local")));

        assertEquals(Optional.of("revoked by DNS .nodes.cluster.local (DNS name n1.nodes.cluster.local, "
                + "RenewRevocation test/rules spec.revocations[0])"), gate.revokedReason(current.identity()));
    }

    @Test
    void anIdentityWithoutCertificatesIsNotRevoked() {
        registry.replaceSource("test", List.of(rule("Group", "system:nodes")));

        assertEquals(Optional.empty(), gate.currentCertificateRevoked(TestPki.KUBELET_CLIENT + "|system:node:ghost"));
    }

    @Test
    void aPresentedCertificateIsCheckedByItsOwnContent() {
        X509Certificate presented = TestPki.kubelet(ca, NOW.minus(Duration.ofDays(1)), "n1");
        registry.replaceSource("test", List.of(rule("IP", "10.0.0.7")));

        assertTrue(gate.checkPresented(presented).isPresent());
    }

    @Test
    void aRequestMatchingARuleWithoutNotBeforeIsRefused() {
        registry.replaceSource("test", List.of(rule("DNS", ".nodes.cluster.local")));

        RevocationMatch match = gate.checkRequested(request("n1")).orElseThrow();

        assertEquals("n1.nodes.cluster.local", match.matchedValue());
    }

    @Test
    void refusalsNameTheRuleAndWhereItIsWritten() {
        X509Certificate presented = TestPki.kubelet(ca, NOW.minus(Duration.ofDays(1)), "n1");
        registry.replaceSource("test", List.of(rule("serialnumber", TestPki.serial(presented))));

        assertEquals(Optional.of("revoked by serialnumber " + TestPki.serial(presented) + " (serial " + TestPki.serial(presented)
                + ", RenewRevocation test/rules spec.revocations[0])"), gate.refusePresented(presented));
        registry.replaceSource("test", List.of(rule("Group", "system:nodes")));
        assertEquals(Optional.of("a certificate for this request would be revoked by Group system:nodes (group system:nodes, "
                + "RenewRevocation test/rules spec.revocations[0])"), gate.refuseIssuance(request("n1")));
    }

    @Test
    void aRequestAfterAPastCutOffIsAllowed() {
        registry.replaceSource("test", List.of(rule("Group", "system:nodes", "2026-02-01T00:00:00Z")));

        assertEquals(Optional.empty(), gate.checkRequested(request("n1")));
    }

    @Test
    void aRequestBeforeAFutureCutOffIsRefusedBecauseItsCertificateWouldBeRevokedAtOnce() {
        registry.replaceSource("test", List.of(rule("Group", "system:nodes", "2026-04-01T00:00:00Z")));

        assertTrue(gate.checkRequested(request("n1")).isPresent());
    }

    @Test
    void aRequestJustAfterACutOffIsStillRefusedWhileTheBackdatedNotBeforePrecedesIt() {
        registry.replaceSource("test", List.of(rule("Group", "system:nodes", "2026-03-01T11:58:00Z")));

        assertTrue(gate.checkRequested(request("n1")).isPresent(), "notBefore will be 11:55, before the cut-off");
        clock.advance(Duration.ofMinutes(4));
        assertEquals(Optional.empty(), gate.checkRequested(request("n1")));
    }
}
