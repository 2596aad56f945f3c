package io.clusterca.ca.kubeadm;

import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.authority.KeyPairs;
import io.clusterca.ca.crypto.Crypto;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Whether files already in the pki directory may be kept: pure decisions with a reason, after
 * kubeadm's writeCertificateAuthorityFilesIfNotExist / writeCertificateFilesIfNotExist
 * (cmd/kubeadm/app/phases/certs/certs.go). Stricter than kubeadm in two places: an expired leaf is
 * not kept (kubeadm only warns), and a CA file must be ClusterCA's own root, not merely "a CA".
 */
final class ExistingFiles {
    private ExistingFiles() {}

    /** Why the CA pair on disk is not (a part of) {@code ca}; absent files are not a problem, they get written. */
    static Optional<String> caProblem(FileState<X509Certificate> cert, FileState<PrivateKey> key,
                                      CertificateAuthority ca) {
        if (cert instanceof FileState.Unreadable<X509Certificate> u) {
            return Optional.of(u.reason());
        }
        if (key instanceof FileState.Unreadable<PrivateKey> u) {
            return Optional.of(u.reason());
        }
        Optional<X509Certificate> existing = cert.loaded();
        if (existing.isPresent() && !sameCertificate(existing.get(), ca.certificate())) {
            return Optional.of("holds a different CA (" + describe(existing.get()) + ") than ClusterCA's "
                    + ca.name().id() + " (" + describe(ca.certificate()) + ")");
        }
        Optional<PrivateKey> existingKey = key.loaded();
        if (existingKey.isPresent() && !KeyPairs.matches(ca.certificate().getPublicKey(), existingKey.get())) {
            return Optional.of("private key does not belong to ClusterCA's " + ca.name().id());
        }
        return Optional.empty();
    }

    /** Why an existing leaf pair cannot be kept: call only when at least one of the two files exists. */
    static Optional<String> leafProblem(FileState<X509Certificate> cert, FileState<PrivateKey> key,
                                        CertificateAuthority ca, AltNames requiredAltNames, Instant now) {
        if (cert.isAbsent()) {
            return Optional.of("certificate file is missing but its key exists");
        }
        if (key.isAbsent()) {
            return Optional.of("key file is missing but its certificate exists");
        }
        if (cert instanceof FileState.Unreadable<X509Certificate> u) {
            return Optional.of(u.reason());
        }
        if (key instanceof FileState.Unreadable<PrivateKey> u) {
            return Optional.of(u.reason());
        }
        X509Certificate existing = cert.loaded().orElseThrow();
        if (!signedBy(existing, ca)) {
            return Optional.of("is not signed by ClusterCA's " + ca.name().id());
        }
        if (!KeyPairs.matches(existing.getPublicKey(), key.loaded().orElseThrow())) {
            return Optional.of("private key does not match the certificate");
        }
        if (now.isAfter(existing.getNotAfter().toInstant())) {
            return Optional.of("expired at " + existing.getNotAfter().toInstant());
        }
        List<String> missing = AltNames.of(existing).missing(requiredAltNames);
        if (!missing.isEmpty()) {
            return Optional.of("lacks subject alternative names " + String.join(", ", missing));
        }
        return Optional.empty();
    }

    static boolean signedBy(X509Certificate cert, CertificateAuthority ca) {
        if (!cert.getIssuerX500Principal().equals(ca.certificate().getSubjectX500Principal())) {
            return false;
        }
        try {
            cert.verify(ca.certificate().getPublicKey(), Crypto.BC);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean sameCertificate(X509Certificate a, X509Certificate b) {
        try {
            return Arrays.equals(a.getEncoded(), b.getEncoded());
        } catch (CertificateEncodingException e) {
            return false;
        }
    }

    private static String describe(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName() + ", serial "
                + CertificateAuthority.serialHex(cert.getSerialNumber());
    }
}
