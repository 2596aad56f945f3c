package io.clusterca.ca.authority;

import io.clusterca.ca.net.IpAddresses;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

/** The DNS and IP subject alternative names of a certificate, IPs in canonical (short) form. */
public final class CertificateNames {
    private static final int DNS = 2;
    private static final int IP = 7;

    private CertificateNames() {}

    public static List<String> dnsNames(X509Certificate cert) {
        return sans(cert, DNS);
    }

    public static List<String> ipAddresses(X509Certificate cert) {
        return sans(cert, IP).stream().map(CertificateNames::canonicalIp).toList();
    }

    private static List<String> sans(X509Certificate cert, int type) {
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            return names == null ? List.of()
                    : names.stream().filter(n -> (Integer) n.get(0) == type).map(n -> (String) n.get(1)).toList();
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("unreadable subjectAltName in certificate " + cert.getSerialNumber().toString(16), e);
        }
    }

    /** The JDK prints IPv6 SANs in full form; store RFC 5952 text. */
    private static String canonicalIp(String literal) {
        return IpAddresses.parse(literal).map(IpAddresses::format).orElse(literal);
    }
}
