package io.clusterca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.ledger.FileLedger;
import io.clusterca.testing.Openssl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** init, certs check-expiration and certs renew through the CLI, checked with openssl. */
class InitAndCertsCommandTest {
    @TempDir
    Path dir;
    Path pki;
    Path data;

    @BeforeEach
    void init() {
        pki = dir.resolve("pki");
        data = dir.resolve("data");
        Cli.Run r = Cli.run("init", "--pki-dir", pki.toString(), "--data-dir", data.toString(), "--node-name", "cp-1",
                "--advertise-address", "10.0.0.10", "--apiserver-san", "api.example.com");
        assertEquals(0, r.exitCode(), r.err());
    }

    private String read(String file) throws Exception {
        return Files.readString(pki.resolve(file));
    }

    @Test
    void everyLeafVerifiesAgainstItsOwnCaWithOpenssl() {
        String[][] leaves = {
                {"ca.crt", "apiserver.crt"}, {"ca.crt", "apiserver-kubelet-client.crt"},
                {"front-proxy-ca.crt", "front-proxy-client.crt"}, {"etcd/ca.crt", "etcd/server.crt"},
                {"etcd/ca.crt", "etcd/peer.crt"}, {"etcd/ca.crt", "etcd/healthcheck-client.crt"},
                {"etcd/ca.crt", "apiserver-etcd-client.crt"}};
        for (String[] pair : leaves) {
            Openssl.Result r = Openssl.run(pki, "verify", "-CAfile", pair[0], pair[1]);
            assertEquals(0, r.exitCode(), pair[1] + ": " + r.output());
        }
    }

    @Test
    void theApiserverCertificateCarriesKubeadmsNamesAndTheExtraSan() {
        String text = Openssl.run(pki, "x509", "-noout", "-text", "-in", "apiserver.crt").output();
        for (String name : new String[] {"DNS:kubernetes.default.svc.cluster.local", "DNS:cp-1", "DNS:api.example.com",
                "IP Address:10.96.0.1", "IP Address:10.0.0.10", "TLS Web Server Authentication", "CA:FALSE"}) {
            assertTrue(text.contains(name), name + " missing in\n" + text);
        }
    }

    @Test
    void keysArePlaintextPemWithMode0600AsTheApiServerReadsThem() throws Exception {
        for (String key : new String[] {"ca.key", "apiserver.key", "etcd/ca.key", "sa.key"}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.resolve(key))), key);
            assertEquals(0, Openssl.run(pki, "pkey", "-noout", "-in", key).exitCode(), key);
        }
    }

    @Test
    void saPubHoldsThePublicHalfOfSaKey() throws Exception {
        String derived = Openssl.run(pki, "pkey", "-in", "sa.key", "-pubout").output().strip();
        assertEquals(derived, read("sa.pub").strip());
    }

    @Test
    void theDataDirHoldsNoPrivateKeyInClear() throws Exception {
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains("PRIVATE KEY"), f.toString());
            }
        }
    }

    @Test
    void theLeavesAreRecordedInTheLedger() throws Exception {
        String serial = Pem.certificate(read("apiserver.crt")).getSerialNumber().toString(16);
        try (FileLedger ledger = FileLedger.open(data)) {
            assertTrue(ledger.bySerial(serial).isPresent());
        }
    }

    @Test
    void initTwiceKeepsTheFiles() throws Exception {
        String before = read("apiserver.crt");
        Cli.Run r = Cli.run("init", "--pki-dir", pki.toString(), "--data-dir", data.toString(), "--node-name", "cp-1",
                "--advertise-address", "10.0.0.10", "--apiserver-san", "api.example.com");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(before, read("apiserver.crt"));
    }

    @Test
    void checkExpirationPrintsKubeadmsTables() {
        Cli.Run r = Cli.run("certs", "check-expiration", "--pki-dir", pki.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("CERTIFICATE") && r.out().contains("RESIDUAL TIME") && r.out().contains("EXTERNALLY MANAGED"), r.out());
        assertTrue(r.out().contains("apiserver-etcd-client") && r.out().contains("front-proxy-ca"), r.out());
    }

    @Test
    void renewKeepsSubjectAndSansAndChangesTheSerial() throws Exception {
        var before = Pem.certificate(read("apiserver.crt"));
        Cli.Run r = Cli.run("certs", "renew", "apiserver", "--pki-dir", pki.toString(), "--data-dir", data.toString());
        assertEquals(0, r.exitCode(), r.err());
        var after = Pem.certificate(read("apiserver.crt"));
        assertNotEquals(before.getSerialNumber(), after.getSerialNumber());
        assertEquals(before.getSubjectX500Principal(), after.getSubjectX500Principal());
        assertEquals(java.util.List.copyOf(before.getSubjectAlternativeNames()), java.util.List.copyOf(after.getSubjectAlternativeNames()));
        assertEquals(0, Openssl.run(pki, "verify", "-CAfile", "ca.crt", "apiserver.crt").exitCode());
    }

    @Test
    void renewingAnUnknownNameExitsTwoListingTheValidOnes() {
        Cli.Run r = Cli.run("certs", "renew", "nope", "--pki-dir", pki.toString(), "--data-dir", data.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("apiserver"), r.err());
    }

    @Test
    void aWrongPassphraseIsAClearErrorAndChangesNothing() throws Exception {
        Path sealed = dir.resolve("sealed-with-passphrase");
        Path otherPki = dir.resolve("pki2");
        Cli.Run first = Cli.run(Map.of("CLUSTERCA_KEK_PASSPHRASE", "correct horse"), "init", "--pki-dir", otherPki.toString(),
                "--data-dir", sealed.toString(), "--node-name", "cp-1", "--advertise-address", "10.0.0.10");
        assertEquals(0, first.exitCode(), first.err());
        String before = Files.readString(otherPki.resolve("apiserver.crt"));
        Cli.Run r = Cli.run(Map.of("CLUSTERCA_KEK_PASSPHRASE", "wrong"), "certs", "renew", "apiserver", "--pki-dir",
                otherPki.toString(), "--data-dir", sealed.toString());
        assertNotEquals(0, r.exitCode());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().toLowerCase(java.util.Locale.ROOT).contains("passphrase"), r.err());
        assertEquals(before, Files.readString(otherPki.resolve("apiserver.crt")));
    }
}
