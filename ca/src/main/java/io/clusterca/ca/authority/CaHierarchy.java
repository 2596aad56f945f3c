package io.clusterca.ca.authority;

import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.keystore.KeyVault;
import io.clusterca.ca.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The three roots, created on first start and reloaded afterwards: certificates in
 * {@code <data-dir>/ca/<name>.crt} (public), private keys sealed in the {@link KeyVault} under
 * {@code ca/<name>}. The key is stored before the certificate, so a crash between the two leaves
 * at worst an orphaned key that the next start replaces, never a certificate without its key.
 */
public final class CaHierarchy {
    private final Map<CaName, CertificateAuthority> authorities;

    private CaHierarchy(Map<CaName, CertificateAuthority> authorities) {
        this.authorities = Map.copyOf(authorities);
    }

    public static CaHierarchy of(Map<CaName, CertificateAuthority> authorities) {
        return new CaHierarchy(authorities);
    }

    public static CaHierarchy loadOrCreate(Path dataDir, KeyVault vault, KeyAlgorithm algorithm, Instant now) {
        Map<CaName, CertificateAuthority> cas = new EnumMap<>(CaName.class);
        for (CaName name : CaName.values()) {
            cas.put(name, loadOrCreate(dataDir, vault, name, algorithm, now));
        }
        return new CaHierarchy(cas);
    }

    private static CertificateAuthority loadOrCreate(Path dataDir, KeyVault vault, CaName name,
                                                     KeyAlgorithm algorithm, Instant now) {
        Path certFile = certificateFile(dataDir, name);
        String keyId = keyId(name);
        if (Files.exists(certFile)) {
            X509Certificate cert = Pem.certificate(read(certFile));
            PrivateKey key = vault.get(keyId).orElseThrow(() -> new IllegalStateException(
                    "CA " + name.id() + ": certificate " + certFile + " exists but its sealed key " + keyId
                            + " is missing from the key store"));
            CertificateAuthority ca = new CertificateAuthority(name, cert, key);
            KeyPairs.requireMatching(cert.getPublicKey(), key, "CA " + name.id());
            return ca;
        }
        CertificateAuthority ca = CertificateAuthority.createRoot(name, algorithm, now);
        vault.put(keyId, ca.privateKey());
        AtomicFiles.writeString(certFile, Pem.encode(ca.certificate()), AtomicFiles.WORLD_READABLE);
        return ca;
    }

    public static Path certificateFile(Path dataDir, CaName name) {
        return dataDir.resolve("ca").resolve(name.id() + ".crt");
    }

    public static String keyId(CaName name) {
        return "ca/" + name.id();
    }

    public CertificateAuthority get(CaName name) {
        return authorities.get(name);
    }

    public Map<CaName, CertificateAuthority> all() {
        return authorities;
    }

    /** The roots in a fixed order (kubernetes, etcd, front-proxy): the trust bundle. */
    public List<X509Certificate> roots() {
        return Arrays.stream(CaName.values()).map(n -> authorities.get(n).certificate()).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
