package io.clusterca.ca.sakeys;

import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.util.Set;

/**
 * The files kube-apiserver reads in the kubeadm PKI dir: {@code sa.key}
 * ({@code --service-account-signing-key-file}) and {@code sa.pub} ({@code --service-account-key-file}).
 * These are plaintext by necessity (the API server reads them); the sealed copies stay in the vault.
 *
 * <ul>
 *   <li>{@code sa.key}: the active private key, mode 0600, in the encoding kubeadm writes
 *       ({@code keyutil.MarshalPrivateKeyToPEM}): PKCS#1 {@code RSA PRIVATE KEY} or SEC1
 *       {@code EC PRIVATE KEY}. kube-apiserver ({@code keyutil.ParsePrivateKeyPEM}) also reads PKCS#8.</li>
 *   <li>{@code sa.pub}: every published key (active, pending, verifying) as concatenated
 *       {@code PUBLIC KEY} blocks, mode 0644 (kubeadm creates it 0600; it holds nothing secret).
 *       {@code keyutil.ParsePublicKeysPEM} reads every block, so tokens signed by any of them verify.</li>
 * </ul>
 *
 * <p>{@code sa.pub} is written before {@code sa.key}: an API server restarted between the two writes
 * verifies a superset of the keys it signs with, never the reverse. Unchanged files are not rewritten.
 * kube-apiserver reads both files only when it starts, so it must be restarted (the static pod
 * re-created) to sign with a newly activated key.
 */
public final class SaKeyFiles {
    public static final String PRIVATE_KEY_FILE = "sa.key";
    public static final String PUBLIC_KEYS_FILE = "sa.pub";

    private SaKeyFiles() {}

    /** What the two files should contain. {@code privateKeyPem} is secret: never log it. */
    public record Contents(String privateKeyPem, String publicKeysPem) {
        @Override
        public String toString() {
            return "SaKeyFiles.Contents[sa.key=<redacted>, sa.pub=" + publicKeysPem.length() + " chars]";
        }
    }

    public static Contents contents(KeyRingState ring, PrivateKey activeKey) {
        if (ring.active().isEmpty()) {
            throw new IllegalStateException("the key ring has no active key to write to " + PRIVATE_KEY_FILE);
        }
        String publicKeys = Pem.encodeAll(ring.published().stream().map(SaKey::publicKey).toList());
        return new Contents(Pem.encode(activeKey), publicKeys);
    }

    /** Brings {@code sa.key} and {@code sa.pub} in line with the ring. Returns whether a file changed. */
    public static boolean write(Path pkiDir, KeyRing ring) {
        KeyRing.SigningMaterial material = ring.signingMaterial();
        return write(pkiDir, contents(material.ring(), material.activeKey()));
    }

    /** Writes what differs, {@code sa.pub} first. Returns whether a file changed. */
    public static boolean write(Path pkiDir, Contents contents) {
        boolean pub = writeIfChanged(pkiDir.resolve(PUBLIC_KEYS_FILE), contents.publicKeysPem(), AtomicFiles.WORLD_READABLE);
        boolean key = writeIfChanged(pkiDir.resolve(PRIVATE_KEY_FILE), contents.privateKeyPem(), AtomicFiles.OWNER_ONLY);
        return pub || key;
    }

    private static boolean writeIfChanged(Path file, String content, Set<PosixFilePermission> mode) {
        byte[] wanted = content.getBytes(StandardCharsets.UTF_8);
        try {
            if (MessageDigest.isEqual(Files.readAllBytes(file), wanted) && Files.getPosixFilePermissions(file).equals(mode)) {
                return false;
            }
        } catch (NoSuchFileException e) {
            // first write
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        AtomicFiles.write(file, wanted, mode);
        return true;
    }
}
