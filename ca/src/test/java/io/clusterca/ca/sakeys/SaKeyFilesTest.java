package io.clusterca.ca.sakeys;

import static io.clusterca.ca.sakeys.RingFixture.T0;
import static io.clusterca.ca.sakeys.RingFixture.day;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.sakeys.KeyRing.PreviousKey;
import io.clusterca.testing.Openssl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sa.key and sa.pub as kube-apiserver reads them, checked with openssl where it helps. */
class SaKeyFilesTest {
    private static final Pattern PUBLIC_KEY_BLOCK = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----\\n[A-Za-z0-9+/=\\n]+-----END PUBLIC KEY-----\\n");

    @TempDir
    Path tmp;

    @Test
    void saKeyIsTheActiveRsaKeyAsPkcs1WithMode0600() throws Exception {
        RingFixture fx = new RingFixture(tmp, KeyAlgorithm.RSA_2048);
        KeyRing ring = fx.open();
        ring.tick(T0);
        SaKey active = ring.current().active().orElseThrow();
        Path saKey = fx.pkiDir.resolve("sa.key");

        String pem = Files.readString(saKey);

        assertTrue(pem.startsWith("-----BEGIN RSA PRIVATE KEY-----\n"), "kubeadm's encoding (keyutil.MarshalPrivateKeyToPEM)");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(saKey)));
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) Pem.privateKey(pem);
        assertEquals(((RSAPublicKey) active.publicKey()).getModulus(), key.getModulus());
        assertEquals(fx.vault.get(active.vaultId()).orElseThrow(), key);
    }

    @Test
    void opensslDerivesTheActiveKidFromSaKey() throws Exception {
        RingFixture fx = new RingFixture(tmp, KeyAlgorithm.RSA_2048);
        KeyRing ring = fx.open();
        ring.tick(T0);

        Openssl.ok(fx.pkiDir, "rsa", "-in", "sa.key", "-check", "-noout");
        byte[] spki = Openssl.stdout(fx.pkiDir, "pkey", "-in", "sa.key", "-pubout", "-outform", "DER");
        String kid = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));

        assertEquals(ring.current().active().orElseThrow().kid(), kid);
    }

    @Test
    void ecdsaSaKeyIsSec1AndOpensslAcceptsIt() throws Exception {
        RingFixture fx = new RingFixture(tmp, KeyAlgorithm.ECDSA_P256);
        KeyRing ring = fx.open();
        ring.tick(T0);

        assertTrue(Files.readString(fx.pkiDir.resolve("sa.key")).startsWith("-----BEGIN EC PRIVATE KEY-----\n"));
        String text = Openssl.stdoutText(fx.pkiDir, "ec", "-in", "sa.key", "-check", "-noout", "-text");
        assertTrue(text.contains("NIST CURVE: P-256") || text.contains("prime256v1"), text);
    }

    @Test
    void saPubListsEveryPublishedKeyInOrderWithMode0644() throws Exception {
        RingFixture fx = RingFixture.fast(tmp);
        KeyRing ring = fx.open();
        ring.tick(T0);
        ring.rotateNow(day(1), PreviousKey.KEEP_VERIFYING);
        ring.rotate(day(2));
        Path saPub = fx.pkiDir.resolve("sa.pub");

        List<String> blocks = publicKeyBlocks(Files.readString(saPub));

        assertEquals(ring.current().published().stream().map(k -> Pem.encode(k.publicKey())).toList(), blocks,
                "active, pending, verifying");
        assertEquals(3, blocks.size());
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(saPub)));
        String first = Openssl.stdoutText(fx.pkiDir, "pkey", "-pubin", "-in", "sa.pub", "-pubout");
        assertEquals(blocks.get(0), first, "openssl reads the active key first");
    }

    @Test
    void aRetiredKeyDisappearsFromSaPub() throws Exception {
        RingFixture fx = RingFixture.fast(tmp);
        KeyRing ring = fx.open();
        ring.tick(T0);
        ring.rotateNow(day(1), PreviousKey.KEEP_VERIFYING);
        assertEquals(2, publicKeyBlocks(Files.readString(fx.pkiDir.resolve("sa.pub"))).size());

        ring.tick(day(1).plus(Duration.ofHours(25)));

        List<String> blocks = publicKeyBlocks(Files.readString(fx.pkiDir.resolve("sa.pub")));
        assertEquals(List.of(Pem.encode(ring.current().active().orElseThrow().publicKey())), blocks);
    }

    @Test
    void aPendingKeyIsInSaPubButNotInSaKey() throws Exception {
        RingFixture fx = RingFixture.fast(tmp);
        KeyRing ring = fx.open();
        ring.tick(T0);
        String saKeyBefore = Files.readString(fx.pkiDir.resolve("sa.key"));

        ring.rotate(day(1));

        assertEquals(saKeyBefore, Files.readString(fx.pkiDir.resolve("sa.key")));
        assertEquals(2, publicKeyBlocks(Files.readString(fx.pkiDir.resolve("sa.pub"))).size());
    }

    @Test
    void rotateNowRewritesSaKeyWithTheNewActiveKey() throws Exception {
        RingFixture fx = RingFixture.fast(tmp);
        KeyRing ring = fx.open();
        ring.tick(T0);

        ring.rotateNow(day(1), PreviousKey.KEEP_VERIFYING);

        PrivateKey onDisk = Pem.privateKey(Files.readString(fx.pkiDir.resolve("sa.key")));
        assertEquals(fx.vault.get(ring.current().active().orElseThrow().vaultId()).orElseThrow(), onDisk);
    }

    @Test
    void unchangedFilesAreNotRewritten() throws Exception {
        RingFixture fx = RingFixture.fast(tmp);
        KeyRing ring = fx.open();
        ring.tick(T0);
        Object keyInode = Files.readAttributes(fx.pkiDir.resolve("sa.key"), BasicFileAttributes.class).fileKey();
        Object pubInode = Files.readAttributes(fx.pkiDir.resolve("sa.pub"), BasicFileAttributes.class).fileKey();

        ring.tick(day(1));

        assertEquals(keyInode, Files.readAttributes(fx.pkiDir.resolve("sa.key"), BasicFileAttributes.class).fileKey());
        assertEquals(pubInode, Files.readAttributes(fx.pkiDir.resolve("sa.pub"), BasicFileAttributes.class).fileKey());
    }

    @Test
    void aDeletedSaKeyIsRestoredByTheNextTick() throws Exception {
        RingFixture fx = RingFixture.fast(tmp);
        KeyRing ring = fx.open();
        ring.tick(T0);
        String expected = Files.readString(fx.pkiDir.resolve("sa.key"));
        Files.delete(fx.pkiDir.resolve("sa.key"));

        ring.tick(day(1));

        assertEquals(expected, Files.readString(fx.pkiDir.resolve("sa.key")));
    }

    @Test
    void writeFromTheRingProducesTheSameFilesElsewhere() throws Exception {
        RingFixture fx = RingFixture.fast(tmp);
        KeyRing ring = fx.open();
        ring.tick(T0);
        Path other = tmp.resolve("other-pki");

        assertTrue(SaKeyFiles.write(other, ring));
        assertFalse(SaKeyFiles.write(other, ring), "nothing to do the second time");

        assertEquals(Files.readString(fx.pkiDir.resolve("sa.key")), Files.readString(other.resolve("sa.key")));
        assertEquals(Files.readString(fx.pkiDir.resolve("sa.pub")), Files.readString(other.resolve("sa.pub")));
    }

    @Test
    void contentsNeverPrintThePrivateKey() {
        RingFixture fx = RingFixture.fast(tmp);
        KeyRing ring = fx.open();
        ring.tick(T0);
        KeyRing.SigningMaterial material = ring.signingMaterial();

        SaKeyFiles.Contents contents = SaKeyFiles.contents(material.ring(), material.activeKey());

        assertFalse(contents.toString().contains("PRIVATE KEY"));
        assertFalse(material.toString().contains("PRIVATE"));
        assertTrue(contents.privateKeyPem().contains("PRIVATE KEY"));
    }

    private static List<String> publicKeyBlocks(String pem) {
        Matcher m = PUBLIC_KEY_BLOCK.matcher(pem);
        List<String> blocks = new ArrayList<>();
        int end = 0;
        while (m.find()) {
            assertEquals(end, m.start(), "nothing but PUBLIC KEY blocks");
            blocks.add(m.group());
            end = m.end();
        }
        assertEquals(pem.length(), end, "nothing after the last block");
        return blocks;
    }
}
