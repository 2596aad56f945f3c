package io.clusterca.ca.revocation;

import static io.clusterca.ca.revocation.Rules.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.crypto.Crypto;
import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.ledger.InMemoryLedger;
import io.clusterca.ca.revocation.RevocationRegistryTest.MutableClock;
import io.clusterca.testing.Openssl;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrlPublisherTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Pattern SERIAL_LINE = Pattern.compile("Serial Number: ([0-9A-F]+)");

    private static CertificateAuthority ca;
    private static CertificateAuthority otherCa;

    private final MutableClock clock = new MutableClock(NOW);
    private final RevocationRegistry registry = new RevocationRegistry(clock);
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final CrlPublisher publisher = new CrlPublisher(ca, ledger, registry, clock, Duration.ofHours(1));

    @TempDir
    Path dir;

    @BeforeAll
    static void createCas() {
        ca = TestPki.root(CaName.KUBERNETES_CA, NOW.minus(Duration.ofDays(1)));
        otherCa = TestPki.root(CaName.ETCD_CA, NOW.minus(Duration.ofDays(1)));
    }

    private X509Certificate issue(CertificateAuthority issuer, String node, Instant at) {
        X509Certificate cert = TestPki.kubelet(issuer, at, node);
        ledger.record(cert, TestPki.KUBELET_CLIENT, issuer.name().id(), "test");
        return cert;
    }

    private static X509CRL parse(byte[] der) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509", Crypto.BC).generateCRL(new ByteArrayInputStream(der));
    }

    private static Set<BigInteger> serials(X509CRL crl) {
        Set<? extends X509CRLEntry> entries = crl.getRevokedCertificates();
        return entries == null ? Set.of() : entries.stream().map(X509CRLEntry::getSerialNumber).collect(Collectors.toSet());
    }

    @Test
    void opensslVerifiesTheCrlAndSeesTheRevokedSerialCrlNumberAndAki() throws Exception {
        X509Certificate revoked = issue(ca, "stolen", NOW.minus(Duration.ofHours(2)));
        X509Certificate kept = issue(ca, "fine", NOW.minus(Duration.ofHours(2)));
        registry.replaceSource("test", List.of(rule("serialnumber", TestPki.serial(revoked))));
        Files.writeString(dir.resolve("ca.pem"), Pem.encode(ca.certificate()));
        Files.write(dir.resolve("crl.der"), publisher.current().der());

        Openssl.Result result = Openssl.run(dir, "crl", "-inform", "DER", "-in", "crl.der", "-CAfile", "ca.pem", "-noout", "-text");

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("verify OK"), result.output());
        assertTrue(result.output().contains("X509v3 CRL Number"), result.output());
        assertTrue(result.output().contains("X509v3 Authority Key Identifier"), result.output());
        Matcher m = SERIAL_LINE.matcher(result.output());
        Set<BigInteger> listed = new java.util.HashSet<>();
        while (m.find()) {
            listed.add(new BigInteger(m.group(1), 16));
        }
        assertEquals(Set.of(revoked.getSerialNumber()), listed);
        assertFalse(listed.contains(kept.getSerialNumber()));
    }

    @Test
    void crlNumberIsTheGenerationTimeInMillis() throws Exception {
        X509CRL crl = parse(publisher.current().der());

        byte[] ext = crl.getExtensionValue(org.bouncycastle.asn1.x509.Extension.cRLNumber.getId());
        BigInteger number = org.bouncycastle.asn1.x509.CRLNumber.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(ext).getOctets()).getCRLNumber();
        assertEquals(BigInteger.valueOf(NOW.toEpochMilli()), number);
        assertEquals(number, publisher.current().number());
    }

    @Test
    void crlIsValidForTheConfiguredTime() throws Exception {
        X509CRL crl = parse(publisher.current().der());

        assertEquals(NOW, crl.getThisUpdate().toInstant());
        assertEquals(NOW.plus(Duration.ofHours(1)), crl.getNextUpdate().toInstant());
        assertEquals(2, crl.getVersion());
    }

    @Test
    void everyMatchingRuleKindPutsCertificatesOnTheCrl() throws Exception {
        X509Certificate byGroup = TestPki.leaf(ca, NOW, "O=contractors,CN=alice", List.of(), List.of());
        X509Certificate byDns = TestPki.leaf(ca, NOW, "CN=web", List.of("web.old.example"), List.of());
        X509Certificate byIp = TestPki.leaf(ca, NOW, "CN=db", List.of(), List.of("192.0.2.9"));
        X509Certificate untouched = TestPki.leaf(ca, NOW, "CN=other", List.of("web.new.example"), List.of("192.0.2.10"));
        for (X509Certificate c : List.of(byGroup, byDns, byIp, untouched)) {
            ledger.record(c, TestPki.KUBELET_CLIENT, ca.name().id(), "test");
        }
        registry.replaceSource("test", List.of(rule("Group", "contractors"), rule("DNS", ".old.example"), rule("IP", "192.0.2.9")));

        assertEquals(Set.of(byGroup.getSerialNumber(), byDns.getSerialNumber(), byIp.getSerialNumber()),
                serials(parse(publisher.current().der())));
    }

    @Test
    void expiredCertificatesAreLeftOff() throws Exception {
        X509Certificate old = issue(ca, "old", NOW.minus(Duration.ofDays(5)));
        registry.replaceSource("test", List.of(rule("serialnumber", TestPki.serial(old))));

        assertEquals(Set.of(), serials(parse(publisher.current().der())));
    }

    @Test
    void certificatesOfAnotherCaAreLeftOff() throws Exception {
        issue(otherCa, "etcd-member", NOW);
        registry.replaceSource("test", List.of(rule("Group", "system:nodes")));

        assertEquals(Set.of(), serials(parse(publisher.current().der())));
    }

    @Test
    void revocationDateIsWhenTheRuleCameIntoForce() throws Exception {
        X509Certificate cert = issue(ca, "n1", NOW.minus(Duration.ofDays(1)));
        registry.replaceSource("test", List.of(rule("serialnumber", TestPki.serial(cert))));

        X509CRLEntry entry = parse(publisher.current().der()).getRevokedCertificate(cert.getSerialNumber());

        assertEquals(NOW, entry.getRevocationDate().toInstant());
        assertFalse(entry.hasExtensions(), "no reasonCode: RFC 5280 prefers absence to 'unspecified'");
    }

    @Test
    void servesTheCachedCrlWhileNothingChanged() {
        CrlPublisher.Crl first = publisher.current();
        clock.advance(Duration.ofMinutes(20));

        assertSame(first, publisher.current());
    }

    @Test
    void rebuildsWithAHigherNumberWhenTheRulesChange() {
        X509Certificate cert = issue(ca, "n1", NOW);
        CrlPublisher.Crl first = publisher.current();

        registry.replaceSource("test", List.of(rule("serialnumber", TestPki.serial(cert))));
        CrlPublisher.Crl second = publisher.current();

        assertEquals(0, first.revokedCount());
        assertEquals(1, second.revokedCount());
        assertTrue(second.number().compareTo(first.number()) > 0, "CRL number must increase even within one millisecond");
    }

    @Test
    void rebuildsWhenTheLedgerGrows() {
        registry.replaceSource("test", List.of(rule("Group", "system:nodes")));
        CrlPublisher.Crl first = publisher.current();

        issue(ca, "n2", NOW);

        assertEquals(1, publisher.current().revokedCount());
        assertNotEquals(first.number(), publisher.current().number());
    }

    @Test
    void rebuildsOnceHalfTheValidityHasPassed() {
        CrlPublisher.Crl first = publisher.current();
        clock.advance(Duration.ofMinutes(30));

        CrlPublisher.Crl second = publisher.current();

        assertEquals(NOW.plus(Duration.ofMinutes(30)), second.thisUpdate());
        assertTrue(second.number().compareTo(first.number()) > 0);
    }
}
