package io.clusterca.ca.kubeadm;

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.authority.KeyPairs;
import io.clusterca.ca.authority.PublicEndpoints;
import io.clusterca.ca.crypto.KeyAlgorithm;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * kubeadm's PKI directory ({@code /etc/kubernetes/pki}) kept by ClusterCA: {@code init} writes it,
 * {@link #checkExpiration} reports on it, {@link #renew} and {@link #reissue} replace leaves in it.
 * The CAs come from the caller (the sealed hierarchy in the data dir); the pki directory gets the
 * plaintext copies kube-apiserver and etcd read. All methods block on disk and CPU (key generation):
 * call them off any event loop. Writers hold an exclusive lock on the directory (see
 * {@code .clusterca.lock}), so a CLI run and a server renewing the same files take turns; use one
 * instance per directory within a process.
 */
public final class KubeadmPki {
    public static final String ALL = "all";

    private final PkiDirectory dir;
    private final PkiInitializer initializer;
    private final Reissuer reissuer;

    public KubeadmPki(Path pkiDir) {
        this(pkiDir, PublicEndpoints.NONE);
    }

    /** @param endpoints CRL / OCSP URLs to put in every leaf, when the server has a public URL */
    public KubeadmPki(Path pkiDir, PublicEndpoints endpoints) {
        this.dir = new PkiDirectory(Objects.requireNonNull(pkiDir, "pkiDir"));
        LeafIssuer issuer = new LeafIssuer(endpoints);
        this.initializer = new PkiInitializer(dir, issuer);
        this.reissuer = new Reissuer(dir, issuer);
    }

    public Path directory() {
        return dir.root();
    }

    /** Where kube-apiserver reads the service-account signing key (written through {@link ServiceAccountKeyWriter}). */
    public Path serviceAccountKeyFile() {
        return dir.serviceAccountKeyFile();
    }

    public Path serviceAccountPublicKeyFile() {
        return dir.serviceAccountPublicKeyFile();
    }

    /** {@code init} with kubeadm's behaviour for existing files: keep valid ones, refuse on any other. */
    public InitResult init(Map<CaName, CertificateAuthority> cas, ClusterSettings settings, KeyAlgorithm leafKeyAlgorithm,
                           Instant now, Duration leafValidity) {
        return init(cas, settings, now,
                InitOptions.defaults().withLeafKeyAlgorithm(leafKeyAlgorithm).withLeafValidity(leafValidity));
    }

    /**
     * Writes the three CA pairs and the seven leaves (each with a new key), keeping every existing
     * file that is still valid.
     *
     * @throws PkiConflictException     when a file cannot be kept and {@code options.overwrite()} is off;
     *                                  nothing has been written then
     * @throws IllegalArgumentException when {@code cas} lacks one of the three roots
     */
    public InitResult init(Map<CaName, CertificateAuthority> cas, ClusterSettings settings, Instant now,
                           InitOptions options) {
        return dir.exclusively(() -> initializer.init(cas, settings, now, options));
    }

    public ExpirationReport checkExpiration(Instant now) {
        return ExpirationReport.read(dir.root(), now);
    }

    /** {@code certs renew NAME|all}: unconditional, like kubeadm's, without a revocation check. */
    public List<RenewalOutcome> renew(String nameOrAll, Map<CaName, CertificateAuthority> cas, Instant now,
                                      Duration validity) {
        return renew(nameOrAll, cas, now, validity, certificate -> false);
    }

    /**
     * Renews one leaf (or all, in kubeadm's order) from its CA, whatever its expiry, keeping the
     * subject, SANs and usages of the current certificate and giving it a new key.
     *
     * @param revoked the revocation index; a renewal that a revocation would match is skipped
     * @throws UnknownCertificateException for a name kubeadm does not know
     */
    public List<RenewalOutcome> renew(String nameOrAll, Map<CaName, CertificateAuthority> cas, Instant now,
                                      Duration validity, Predicate<X509Certificate> revoked) {
        List<KubeadmCert> targets = ALL.equals(nameOrAll) ? KubeadmCert.sortedByName()
                : List.of(KubeadmCert.fromName(nameOrAll).orElseThrow(() -> new UnknownCertificateException(nameOrAll)));
        return dir.exclusively(() -> {
            List<RenewalOutcome> out = new ArrayList<>();
            for (KubeadmCert cert : targets) {
                out.add(reissuer.reissue(cert, authority(cas, cert), revoked, now, validity, Optional.empty()));
            }
            return List.copyOf(out);
        });
    }

    /**
     * The leaves {@code repair} must re-issue: revoked, expired, or with an unusable key. Missing and
     * unreadable certificates are not listed: there is no identity to re-issue (check-expiration
     * shows them; init re-creates them).
     */
    public List<RepairNeed> needingReissue(Predicate<X509Certificate> revoked, Instant now) {
        // Under the lock: a pair half-written by a concurrent renewal would look like a foreign key.
        return dir.exclusively(() -> scan(revoked, now));
    }

    private List<RepairNeed> scan(Predicate<X509Certificate> revoked, Instant now) {
        List<RepairNeed> needs = new ArrayList<>();
        for (KubeadmCert cert : KubeadmCert.sortedByName()) {
            Optional<X509Certificate> current = dir.certificate(cert.baseName()).loaded();
            if (current.isEmpty()) {
                continue;
            }
            X509Certificate c = current.get();
            repairReason(c, dir.key(cert.baseName()), revoked, now).ifPresent(reason -> needs.add(
                    new RepairNeed(cert, reason, c.getSerialNumber(), c.getNotAfter().toInstant())));
        }
        return List.copyOf(needs);
    }

    /**
     * Re-issues each need from its CA with the same subject and SANs, in order. A certificate that
     * changed since {@link #needingReissue} looked at it is skipped, as is one whose new identity the
     * revocations would match again.
     */
    public List<RenewalOutcome> reissue(List<RepairNeed> needs, Map<CaName, CertificateAuthority> cas,
                                        Predicate<X509Certificate> revoked, Instant now, Duration validity) {
        return dir.exclusively(() -> {
            List<RenewalOutcome> out = new ArrayList<>();
            for (RepairNeed need : needs) {
                KubeadmCert cert = need.certificate();
                out.add(reissuer.reissue(cert, authority(cas, cert), revoked, now, validity,
                        Optional.of(need.serial())));
            }
            return List.copyOf(out);
        });
    }

    /** Revocation first (it is the security event), then expiry, then a torn or foreign key. */
    static Optional<RepairReason> repairReason(X509Certificate cert, FileState<PrivateKey> key,
                                               Predicate<X509Certificate> revoked, Instant now) {
        if (revoked.test(cert)) {
            return Optional.of(RepairReason.REVOKED);
        }
        if (now.isAfter(cert.getNotAfter().toInstant())) {
            return Optional.of(RepairReason.EXPIRED);
        }
        boolean keyMatches = key.loaded().map(k -> KeyPairs.matches(cert.getPublicKey(), k)).orElse(false);
        return keyMatches ? Optional.empty() : Optional.of(RepairReason.KEY_UNUSABLE);
    }

    private static CertificateAuthority authority(Map<CaName, CertificateAuthority> cas, KubeadmCert cert) {
        CertificateAuthority ca = cas.get(cert.ca());
        if (ca == null) {
            throw new IllegalArgumentException("no CA given for " + cert.ca().id() + ", which issues "
                    + cert.kubeadmName());
        }
        return ca;
    }

    /** Every name {@link #renew} accepts besides {@code all}, sorted. */
    public static List<String> certificateNames() {
        return KubeadmCert.sortedByName().stream().map(KubeadmCert::kubeadmName).toList();
    }
}
