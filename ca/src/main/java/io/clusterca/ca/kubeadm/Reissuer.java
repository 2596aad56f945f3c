package io.clusterca.ca.kubeadm;

import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.crypto.KeyAlgorithm;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Re-issues one leaf from its current certificate, as kubeadm's Manager.RenewUsingLocalCA
 * (cmd/kubeadm/app/phases/certs/renewal/manager.go): same subject, SANs and usages read from the
 * file, a new key (FileRenewer.Renew calls pkiutil.NewCertAndKey, which generates one) of the same
 * type as the old key, key then certificate written over the old pair (readwriter.go's
 * pkiCertificateReadWriter.Write). Before anything is written the new certificate is checked
 * against the revocations: a revocation by group, name or IP would catch it again, and a revoked
 * identity must not be renewed.
 */
final class Reissuer {
    private final PkiDirectory dir;
    private final LeafIssuer issuer;

    Reissuer(PkiDirectory dir, LeafIssuer issuer) {
        this.dir = dir;
        this.issuer = issuer;
    }

    /**
     * @param expectedSerial when present, the serial the caller decided on; a file that changed
     *                       since (renewed concurrently) is skipped rather than renewed twice
     */
    RenewalOutcome reissue(KubeadmCert cert, CertificateAuthority ca, Predicate<X509Certificate> revoked,
                           Instant now, Duration validity, Optional<BigInteger> expectedSerial) {
        FileState<X509Certificate> file = dir.certificate(cert.baseName());
        if (file.isAbsent()) {
            return new RenewalOutcome.Missing(cert);
        }
        if (file instanceof FileState.Unreadable<X509Certificate> u) {
            return new RenewalOutcome.Skipped(cert, u.reason() + " (init with overwrite re-creates it)");
        }
        X509Certificate current = file.loaded().orElseThrow();
        if (expectedSerial.isPresent() && !expectedSerial.get().equals(current.getSerialNumber())) {
            return new RenewalOutcome.Skipped(cert, "changed since it was checked (serial now "
                    + CertificateAuthority.serialHex(current.getSerialNumber()) + ")");
        }
        LeafIdentity identity;
        try {
            identity = LeafIdentity.of(current);
        } catch (IllegalArgumentException e) {
            return new RenewalOutcome.Skipped(cert, dir.certificateFile(cert.baseName()) + " " + e.getMessage());
        }
        KeyAlgorithm keyAlgorithm = KeyAlgorithm.of(current.getPublicKey()).orElse(ca.algorithm());
        LeafIssuer.IssuedLeaf leaf = issuer.issue(cert, ca, identity, keyAlgorithm, now, validity);
        if (revoked.test(leaf.certificate())) {
            return new RenewalOutcome.Skipped(cert, "a revocation matches its identity (" + identity.subject()
                    + "), not only its old serial: a renewed certificate would be revoked too");
        }
        dir.writePair(cert.baseName(), leaf.certificate(), leaf.privateKey());
        return new RenewalOutcome.Renewed(cert, current.getSerialNumber(), leaf.certificate().getSerialNumber(),
                leaf.certificate().getNotAfter().toInstant());
    }
}
