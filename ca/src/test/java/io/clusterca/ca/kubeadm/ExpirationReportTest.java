package io.clusterca.ca.kubeadm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.crypto.KeyAlgorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code certs check-expiration}: kubeadm's two tables, read from the pki directory. */
class ExpirationReportTest {
    private static final Instant ISSUED = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path pki;

    private final Map<CaName, CertificateAuthority> cas = TestPki.cas(ISSUED);

    @Test
    void rendersKubeadmsTablesWithResidualTimes() {
        new KubeadmPki(pki).init(cas, TestPki.settings(), KeyAlgorithm.ECDSA_P256, ISSUED, Duration.ofDays(365));

        String table = new KubeadmPki(pki).checkExpiration(ISSUED.plus(Duration.ofDays(1))).render();

        assertEquals("""
                CERTIFICATE                EXPIRES                  RESIDUAL TIME   CERTIFICATE AUTHORITY   EXTERNALLY MANAGED
                apiserver                  Nov 23, 2027 10:00 UTC   364d            ca                      no     \s
                apiserver-etcd-client      Nov 23, 2027 10:00 UTC   364d            etcd-ca                 no     \s
                apiserver-kubelet-client   Nov 23, 2027 10:00 UTC   364d            ca                      no     \s
                etcd-healthcheck-client    Nov 23, 2027 10:00 UTC   364d            etcd-ca                 no     \s
                etcd-peer                  Nov 23, 2027 10:00 UTC   364d            etcd-ca                 no     \s
                etcd-server                Nov 23, 2027 10:00 UTC   364d            etcd-ca                 no     \s
                front-proxy-client         Nov 23, 2027 10:00 UTC   364d            front-proxy-ca          no     \s

                CERTIFICATE AUTHORITY   EXPIRES                  RESIDUAL TIME   EXTERNALLY MANAGED
                ca                      Nov 20, 2036 10:00 UTC   9y              no     \s
                etcd-ca                 Nov 20, 2036 10:00 UTC   9y              no     \s
                front-proxy-ca          Nov 20, 2036 10:00 UTC   9y              no     \s
                """, table);
    }

    @Test
    void anExpiredCertificateShowsInvalidResidualTime() {
        TestPki.init(pki, cas, ISSUED);

        ExpirationReport report = new KubeadmPki(pki).checkExpiration(ISSUED.plus(Duration.ofDays(31)));

        assertTrue(report.render().lines().anyMatch(l -> l.startsWith("apiserver ") && l.contains("   <invalid>   ")),
                report::render);
        assertFalse(report.allValid());
    }

    @Test
    void aMissingCertificateIsAMissingRowAsInKubeadm() throws Exception {
        TestPki.init(pki, cas, ISSUED);
        Files.delete(pki.resolve("etcd/peer.crt"));
        Files.delete(pki.resolve("front-proxy-ca.crt"));

        ExpirationReport report = new KubeadmPki(pki).checkExpiration(ISSUED);

        assertEquals(new ExpirationRow.Missing("etcd-peer"), report.certificates().get(4));
        assertEquals(new ExpirationRow.Missing("front-proxy-ca"), report.authorities().get(2));
        assertTrue(report.render().contains("\n!MISSING! etcd-peer   "), report::render);
        assertTrue(report.render().contains("\n!MISSING! front-proxy-ca   "), report::render);
        assertFalse(report.allValid());
    }

    @Test
    void anUnreadableCertificateIsReportedWithItsReasonInsteadOfAborting() throws Exception {
        TestPki.init(pki, cas, ISSUED);
        Files.writeString(pki.resolve("apiserver.crt"), "garbage");

        ExpirationReport report = new KubeadmPki(pki).checkExpiration(ISSUED);

        ExpirationRow row = report.certificates().get(0);
        assertEquals(new ExpirationRow.Unreadable("apiserver", pki.resolve("apiserver.crt") + ": no PEM CERTIFICATE found"),
                row);
        assertTrue(report.render().lines().anyMatch(l -> l.startsWith("!UNREADABLE! apiserver ")
                && l.endsWith("apiserver.crt: no PEM CERTIFICATE found")), report::render);
        assertEquals(6, report.certificates().stream().filter(r -> r instanceof ExpirationRow.Found).count());
    }

    @Test
    void aFreshPkiIsAllValid() {
        TestPki.init(pki, cas, ISSUED);

        assertTrue(new KubeadmPki(pki).checkExpiration(ISSUED).allValid());
    }
}
