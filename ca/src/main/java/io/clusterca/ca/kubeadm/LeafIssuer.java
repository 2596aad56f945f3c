package io.clusterca.ca.kubeadm;

import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.authority.LeafSpec;
import io.clusterca.ca.authority.PublicEndpoints;
import io.clusterca.ca.crypto.KeyAlgorithm;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Issues a control-plane leaf with a fresh key, like kubeadm's pkiutil.NewCertAndKey, which both
 * {@code init} and {@code certs renew} (renewal/filerenewer.go) call: a renewal never reuses the old key.
 * CPU-heavy (key generation, signing): call off any event loop.
 */
final class LeafIssuer {
    private final PublicEndpoints endpoints;

    LeafIssuer(PublicEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    IssuedLeaf issue(KubeadmCert cert, CertificateAuthority ca, LeafIdentity identity, KeyAlgorithm keyAlgorithm,
                     Instant now, Duration validity) {
        if (ca.name() != cert.ca()) {
            throw new IllegalArgumentException(cert.kubeadmName() + " is issued by " + cert.ca().id()
                    + ", not " + ca.name().id());
        }
        KeyPair keys = keyAlgorithm.generate();
        LeafSpec spec = new LeafSpec(cert.signerName(), cert.ca(), identity.subject(),
                identity.altNames().dnsNames(), identity.altNames().ipAddresses(), List.of(), List.of(),
                identity.extendedKeyUsages(), keys.getPublic(), Optional.of(validity));
        X509Certificate issued = ca.sign(spec, now, validity, validity, endpoints);
        return new IssuedLeaf(issued, keys.getPrivate());
    }

    record IssuedLeaf(X509Certificate certificate, PrivateKey privateKey) {
        @Override
        public String toString() {
            return "IssuedLeaf[" + certificate.getSubjectX500Principal() + ", serial "
                    + CertificateAuthority.serialHex(certificate.getSerialNumber()) + "]";
        }
    }
}
