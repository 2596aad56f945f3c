package io.clusterca.ca.kubeadm;

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.kubeadm.InitResult.Action;
import io.clusterca.ca.kubeadm.InitResult.FileOutcome;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code init}: plan every pair first (keep, create or replace, or a conflict), refuse before writing
 * anything if a conflict is not covered by {@code overwrite}, then write CAs before leaves as
 * kubeadm's CertificateTree.CreateTree does.
 */
final class PkiInitializer {
    private final PkiDirectory dir;
    private final LeafIssuer issuer;

    PkiInitializer(PkiDirectory dir, LeafIssuer issuer) {
        this.dir = dir;
        this.issuer = issuer;
    }

    InitResult init(Map<CaName, CertificateAuthority> cas, ClusterSettings settings, Instant now, InitOptions options) {
        List<Planned> plan = new ArrayList<>();
        for (KubeadmCa ca : KubeadmCa.values()) {
            plan.add(planCa(ca, authority(cas, ca.caName())));
        }
        for (KubeadmCert cert : KubeadmCert.values()) {
            plan.add(planLeaf(cert, authority(cas, cert.ca()), settings, now));
        }
        List<String> conflicts = plan.stream().filter(p -> p.problem().isPresent())
                .map(p -> p.name() + " " + p.problem().get()).toList();
        if (!conflicts.isEmpty() && !options.overwrite()) {
            throw new PkiConflictException(dir.root(), conflicts);
        }
        List<FileOutcome> outcomes = new ArrayList<>();
        for (Planned p : plan) {
            outcomes.add(p.apply(cas, settings, now, options));
        }
        options.serviceAccountKeys().write(dir.serviceAccountKeyFile(), dir.serviceAccountPublicKeyFile());
        return new InitResult(outcomes);
    }

    private Planned planCa(KubeadmCa ca, CertificateAuthority authority) {
        FileState<X509Certificate> cert = dir.certificate(ca.baseName());
        FileState<PrivateKey> key = dir.key(ca.baseName());
        return new PlannedCa(ca, cert.isAbsent(), key.isAbsent(), ExistingFiles.caProblem(cert, key, authority));
    }

    private Planned planLeaf(KubeadmCert cert, CertificateAuthority ca, ClusterSettings settings, Instant now) {
        FileState<X509Certificate> existing = dir.certificate(cert.baseName());
        FileState<PrivateKey> key = dir.key(cert.baseName());
        boolean absent = existing.isAbsent() && key.isAbsent();
        Optional<String> problem = absent ? Optional.empty()
                : ExistingFiles.leafProblem(existing, key, ca, cert.altNames(settings), now);
        return new PlannedLeaf(cert, absent, problem);
    }

    private static CertificateAuthority authority(Map<CaName, CertificateAuthority> cas, CaName name) {
        CertificateAuthority ca = cas.get(name);
        if (ca == null) {
            throw new IllegalArgumentException("no CA given for " + name.id());
        }
        if (ca.name() != name) {
            throw new IllegalArgumentException("the CA given for " + name.id() + " is " + ca.name().id());
        }
        return ca;
    }

    private sealed interface Planned permits PlannedCa, PlannedLeaf {
        String name();

        Optional<String> problem();

        FileOutcome apply(Map<CaName, CertificateAuthority> cas, ClusterSettings settings, Instant now,
                          InitOptions options);
    }

    private final class PlannedCa implements Planned {
        private final KubeadmCa ca;
        private final boolean certAbsent;
        private final boolean keyAbsent;
        private final Optional<String> problem;

        PlannedCa(KubeadmCa ca, boolean certAbsent, boolean keyAbsent, Optional<String> problem) {
            this.ca = ca;
            this.certAbsent = certAbsent;
            this.keyAbsent = keyAbsent;
            this.problem = problem;
        }

        @Override
        public String name() {
            return ca.kubeadmName();
        }

        @Override
        public Optional<String> problem() {
            return problem;
        }

        @Override
        public FileOutcome apply(Map<CaName, CertificateAuthority> cas, ClusterSettings settings, Instant now,
                                 InitOptions options) {
            CertificateAuthority authority = cas.get(ca.caName());
            boolean replace = problem.isPresent();
            List<String> written = new ArrayList<>();
            // Key before certificate, as pkiutil.WriteCertAndKey.
            if (replace || keyAbsent) {
                dir.writeKey(ca.baseName(), authority.privateKey());
                written.add(ca.baseName() + ".key");
            }
            if (replace || certAbsent) {
                dir.writeCertificate(ca.baseName(), authority.certificate());
                written.add(ca.baseName() + ".crt");
            }
            if (replace) {
                return new FileOutcome(name(), Action.REPLACED, problem.get());
            }
            return written.isEmpty()
                    ? new FileOutcome(name(), Action.KEPT, "already ClusterCA's " + ca.caName().id())
                    : new FileOutcome(name(), Action.CREATED, String.join(", ", written));
        }
    }

    private final class PlannedLeaf implements Planned {
        private final KubeadmCert cert;
        private final boolean absent;
        private final Optional<String> problem;

        PlannedLeaf(KubeadmCert cert, boolean absent, Optional<String> problem) {
            this.cert = cert;
            this.absent = absent;
            this.problem = problem;
        }

        @Override
        public String name() {
            return cert.kubeadmName();
        }

        @Override
        public Optional<String> problem() {
            return problem;
        }

        @Override
        public FileOutcome apply(Map<CaName, CertificateAuthority> cas, ClusterSettings settings, Instant now,
                                 InitOptions options) {
            if (!absent && problem.isEmpty()) {
                return new FileOutcome(name(), Action.KEPT, "valid, signed by " + cert.ca().id());
            }
            CertificateAuthority ca = cas.get(cert.ca());
            LeafIssuer.IssuedLeaf leaf = issuer.issue(cert, ca, LeafIdentity.expected(cert, settings),
                    options.leafKeyAlgorithm().orElse(ca.algorithm()), now, options.leafValidity());
            dir.writePair(cert.baseName(), leaf.certificate(), leaf.privateKey());
            return absent
                    ? new FileOutcome(name(), Action.CREATED, cert.baseName() + ".key, " + cert.baseName() + ".crt")
                    : new FileOutcome(name(), Action.REPLACED, problem.get());
        }
    }
}
