package io.clusterca.ca.authority;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** Reads CN and O out of X.500 names, including multi-valued RDNs. */
public final class SubjectNames {
    private SubjectNames() {}

    public static List<String> values(X500Name name, ASN1ObjectIdentifier type) {
        List<String> out = new ArrayList<>();
        for (RDN rdn : name.getRDNs(type)) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                if (atv.getType().equals(type)) {
                    out.add(IETFUtils.valueToString(atv.getValue()));
                }
            }
        }
        return List.copyOf(out);
    }

    public static Optional<String> commonName(X500Name name) {
        return values(name, BCStyle.CN).stream().findFirst();
    }

    public static List<String> organizations(X500Name name) {
        return values(name, BCStyle.O);
    }

    public static X500Name subjectOf(X509Certificate cert) {
        return X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
    }
}
