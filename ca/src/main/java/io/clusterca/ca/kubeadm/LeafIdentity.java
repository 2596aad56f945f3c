package io.clusterca.ca.kubeadm;

import io.clusterca.ca.authority.ExtendedKeyUsage;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Who a leaf names and what it is for: kubeadm's certutil.Config. {@code init} derives it from the
 * cluster settings; renewal reads it back from the current certificate, as kubeadm's certToConfig
 * does (cmd/kubeadm/app/phases/certs/renewal/manager.go), so SANs never need to be resupplied.
 * Unlike certToConfig, which keeps only CN and O, the subject is kept whole.
 */
record LeafIdentity(X500Name subject, AltNames altNames, Set<ExtendedKeyUsage> extendedKeyUsages) {

    LeafIdentity {
        extendedKeyUsages = Set.copyOf(extendedKeyUsages);
        if (extendedKeyUsages.isEmpty()) {
            // pkiutil.NewCertAndKey: "must specify at least one ExtKeyUsage".
            throw new IllegalArgumentException("a control-plane certificate needs at least one extended key usage");
        }
    }

    static LeafIdentity expected(KubeadmCert cert, ClusterSettings settings) {
        return new LeafIdentity(cert.subject(settings), cert.altNames(settings), cert.extendedKeyUsages());
    }

    /** Subject, DNS/IP SANs and EKUs of an issued certificate; an EKU we cannot issue is refused. */
    static LeafIdentity of(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        return new LeafIdentity(subject, AltNames.of(certificate), extendedKeyUsages(certificate));
    }

    private static Set<ExtendedKeyUsage> extendedKeyUsages(X509Certificate certificate) {
        List<String> oids;
        try {
            oids = certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("unreadable extended key usage: " + e.getMessage());
        }
        if (oids == null) {
            return Set.of();
        }
        Set<ExtendedKeyUsage> out = EnumSet.noneOf(ExtendedKeyUsage.class);
        for (String oid : oids) {
            out.add(Arrays.stream(ExtendedKeyUsage.values()).filter(u -> u.oid().getId().equals(oid)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "carries extended key usage " + oid + ", which ClusterCA does not issue")));
        }
        return out;
    }
}
