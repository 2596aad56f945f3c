package io.clusterca.ca.revocation;

import io.clusterca.ca.net.IpAddresses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.authority.ExtendedKeyUsage;
import io.clusterca.ca.authority.LeafSpec;
import io.clusterca.ca.ledger.InMemoryLedger;
import io.clusterca.ca.ledger.LedgerEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CertificateFactsTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static CertificateAuthority ca;
    private static X509Certificate leaf;

    @BeforeAll
    static void issue() {
        ca = TestPki.root(CaName.KUBERNETES_CA, NOW);
        leaf = TestPki.leaf(ca, NOW, "O=system:nodes,O=team-a,CN=system:node:n1",
                List.of("n1.example.com", "N1.Example.COM."), List.of("10.0.0.7", "2001:db8::7"));
    }

    @Test
    void readsSerialOrganizationsSansAndNotBeforeFromACertificate() {
        CertificateFacts facts = CertificateFacts.of(leaf);

        assertEquals(Optional.of(leaf.getSerialNumber().toString(16)), facts.serial());
        assertEquals(List.of("system:nodes", "team-a"), facts.organizations());
        assertEquals(List.of("n1.example.com", "N1.Example.COM."), facts.dnsNames());
        assertEquals(List.of("10.0.0.7", "2001:db8::7"), facts.ipAddresses().stream().map(IpAddresses::format).toList());
        assertEquals(leaf.getNotBefore().toInstant(), facts.notBefore());
    }

    @Test
    void ledgerEntryGivesTheSameFactsAsItsCertificate() {
        LedgerEntry entry = InMemoryLedger.entryOf(leaf, TestPki.KUBELET_CLIENT, ca.name().id(), "admin", NOW);

        assertEquals(CertificateFacts.of(leaf), CertificateFacts.of(entry));
    }

    @Test
    void aRequestHasNoSerialAndTheBackdatedNotBeforeItWillGet() {
        LeafSpec spec = new LeafSpec(TestPki.KUBELET_CLIENT, CaName.KUBERNETES_CA, new X500Name("O=system:nodes,CN=system:node:n1"),
                List.of("n1.example.com"), List.of(), List.of(), List.of(), Set.of(ExtendedKeyUsage.CLIENT_AUTH),
                TestPki.LEAF_KEY, Optional.empty());

        CertificateFacts facts = CertificateFacts.ofRequest(spec, NOW);

        assertEquals(Optional.empty(), facts.serial());
        assertEquals(List.of("system:nodes"), facts.organizations());
        assertEquals(NOW.minus(CertificateAuthority.BACKDATE), facts.notBefore());
    }
}
