package io.clusterca.ca.kubeadm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.crypto.Pem;
import io.clusterca.testing.Openssl;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repair helper: revoked, expired or key-less leaves are re-issued, valid ones left alone. */
class KubeadmRepairTest {
    private static final Predicate<X509Certificate> NONE_REVOKED = c -> false;
    private static final Duration VALIDITY = Duration.ofDays(4);

    @TempDir
    Path pki;

    private final Instant now = Instant.now();
    private final Map<CaName, CertificateAuthority> cas = TestPki.cas(now.minus(Duration.ofDays(60)));
    private KubeadmPki kubeadm;

    @BeforeEach
    void open() {
        kubeadm = new KubeadmPki(pki);
    }

    @Test
    void aFreshPkiNeedsNothing() {
        TestPki.init(pki, cas, now);

        assertEquals(List.of(), kubeadm.needingReissue(NONE_REVOKED, now));
    }

    @Test
    void reissuesEveryExpiredLeafWithItsSubjectAndSans() {
        Instant past = now.minus(Duration.ofDays(40));
        TestPki.init(pki, cas, past);
        String oldSans = sans("apiserver");

        List<RepairNeed> needs = kubeadm.needingReissue(NONE_REVOKED, now);
        List<RenewalOutcome> out = kubeadm.reissue(needs, cas, NONE_REVOKED, now, VALIDITY);

        assertEquals(KubeadmCert.sortedByName(), needs.stream().map(RepairNeed::certificate).toList());
        assertTrue(needs.stream().allMatch(n -> n.reason() == RepairReason.EXPIRED), needs::toString);
        assertTrue(out.stream().allMatch(o -> o instanceof RenewalOutcome.Renewed), out::toString);
        for (KubeadmCert cert : KubeadmCert.values()) {
            Openssl.ok(pki, "verify", "-CAfile", TestPki.caFile(cert), cert.baseName() + ".crt");
        }
        assertEquals(oldSans, sans("apiserver"));
        assertEquals(List.of(), kubeadm.needingReissue(NONE_REVOKED, now));
    }

    @Test
    void reissuesARevokedLeafAndLeavesTheOthersUntouched() throws Exception {
        TestPki.init(pki, cas, now);
        BigInteger revokedSerial = TestPki.certificate(pki, KubeadmCert.ETCD_PEER).getSerialNumber();
        Instant notAfter = TestPki.certificate(pki, KubeadmCert.ETCD_PEER).getNotAfter().toInstant();
        Predicate<X509Certificate> revoked = c -> c.getSerialNumber().equals(revokedSerial);
        Map<Path, String> before = snapshot();

        List<RepairNeed> needs = kubeadm.needingReissue(revoked, now);
        List<RenewalOutcome> out = kubeadm.reissue(needs, cas, revoked, now, VALIDITY);

        assertEquals(List.of(new RepairNeed(KubeadmCert.ETCD_PEER, RepairReason.REVOKED, revokedSerial, notAfter)),
                needs);
        RenewalOutcome.Renewed renewed = assertInstanceOf(RenewalOutcome.Renewed.class, out.get(0));
        assertEquals(revokedSerial, renewed.oldSerial());
        assertEquals(renewed.newSerial(), TestPki.certificate(pki, KubeadmCert.ETCD_PEER).getSerialNumber());
        Map<Path, String> after = snapshot();
        Set<Path> changed = before.keySet().stream().filter(p -> !before.get(p).equals(after.get(p)))
                .collect(Collectors.toSet());
        assertEquals(Set.of(pki.resolve("etcd/peer.crt"), pki.resolve("etcd/peer.key")), changed);
        Openssl.ok(pki, "verify", "-CAfile", "etcd/ca.crt", "etcd/peer.crt");
    }

    @Test
    void reissuesALeafWhoseKeyDoesNotMatchItsCertificate() throws Exception {
        TestPki.init(pki, cas, now);
        Files.writeString(pki.resolve("front-proxy-client.key"), Pem.encode(KeyAlgorithm.ECDSA_P256.generate().getPrivate()));

        List<RepairNeed> needs = kubeadm.needingReissue(NONE_REVOKED, now);
        kubeadm.reissue(needs, cas, NONE_REVOKED, now, VALIDITY);

        assertEquals(List.of(RepairReason.KEY_UNUSABLE), needs.stream().map(RepairNeed::reason).toList());
        assertEquals(Openssl.ok(pki, "x509", "-noout", "-pubkey", "-in", "front-proxy-client.crt"),
                Openssl.ok(pki, "pkey", "-in", "front-proxy-client.key", "-pubout"));
    }

    @Test
    void revocationTakesPrecedenceOverExpiry() {
        TestPki.init(pki, cas, now.minus(Duration.ofDays(40)));

        List<RepairNeed> needs = kubeadm.needingReissue(c -> true, now);

        assertTrue(needs.stream().allMatch(n -> n.reason() == RepairReason.REVOKED), needs::toString);
    }

    @Test
    void skipsANeedWhoseCertificateWasRenewedMeanwhile() {
        TestPki.init(pki, cas, now.minus(Duration.ofDays(40)));
        List<RepairNeed> needs = kubeadm.needingReissue(NONE_REVOKED, now).stream()
                .filter(n -> n.certificate() == KubeadmCert.APISERVER).toList();
        kubeadm.renew("apiserver", cas, now, VALIDITY);
        String renewed = TestPki.read(pki.resolve("apiserver.crt"));

        List<RenewalOutcome> out = kubeadm.reissue(needs, cas, NONE_REVOKED, now, VALIDITY);

        RenewalOutcome.Skipped skipped = assertInstanceOf(RenewalOutcome.Skipped.class, out.get(0));
        assertTrue(skipped.reason().startsWith("changed since it was checked"), skipped.reason());
        assertEquals(renewed, TestPki.read(pki.resolve("apiserver.crt")));
    }

    @Test
    void missingCertificatesAreNotRepairNeeds() throws Exception {
        TestPki.init(pki, cas, now);
        Files.delete(pki.resolve("apiserver.crt"));

        assertEquals(List.of(), kubeadm.needingReissue(NONE_REVOKED, now));
    }

    private String sans(String baseName) {
        String text = Openssl.x509Text(pki, baseName + ".crt");
        int at = text.indexOf("X509v3 Subject Alternative Name:");
        return text.substring(at, text.indexOf('\n', text.indexOf('\n', at) + 1));
    }

    private Map<Path, String> snapshot() throws Exception {
        try (var files = Files.walk(pki)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toMap(p -> p, TestPki::read));
        }
    }
}
