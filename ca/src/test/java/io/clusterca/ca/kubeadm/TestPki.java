package io.clusterca.ca.kubeadm;

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.crypto.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Fixtures: three small, fast roots and typical cluster settings. */
final class TestPki {
    static final Duration VALIDITY = Duration.ofDays(30);

    private TestPki() {}

    static Map<CaName, CertificateAuthority> cas(Instant now) {
        return cas(KeyAlgorithm.ECDSA_P256, now);
    }

    static Map<CaName, CertificateAuthority> cas(KeyAlgorithm algorithm, Instant now) {
        Map<CaName, CertificateAuthority> cas = new EnumMap<>(CaName.class);
        for (CaName name : CaName.values()) {
            cas.put(name, CertificateAuthority.createRoot(name, algorithm, now));
        }
        return cas;
    }

    static ClusterSettings settings() {
        return ClusterSettings.of("cp-1", "192.168.10.5")
                .withApiServerCertSans(List.of("api.example.com", "203.0.113.7"));
    }

    /** Initialises a pki directory with P-256 leaves valid {@link #VALIDITY}. */
    static InitResult init(Path dir, Map<CaName, CertificateAuthority> cas, Instant now) {
        return new KubeadmPki(dir).init(cas, settings(), KeyAlgorithm.ECDSA_P256, now, VALIDITY);
    }

    static X509Certificate certificate(Path dir, KubeadmCert cert) {
        return Pem.certificate(read(dir.resolve(cert.baseName() + ".crt")));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String caFile(KubeadmCert cert) {
        return cert.kubeadmCa().baseName() + ".crt";
    }
}
