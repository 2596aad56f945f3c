package io.clusterca.ca.authority;

import io.clusterca.ca.crypto.Crypto;
import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.crypto.Pem;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;

/**
 * A CA is a certificate, its private key and {@link #sign}: like kube-controller-manager's
 * {@code certificates/authority}, it knows nothing of policy. Whatever a {@link LeafSpec} says,
 * the result is CA:FALSE, backdated five minutes for clock skew, and never outlives the CA.
 * Thread-safe; signing is CPU work and must run off any event loop.
 */
public final class CertificateAuthority {
    /** Covers clock skew between the CA and verifiers, as kube-controller-manager does. */
    public static final Duration BACKDATE = Duration.ofMinutes(5);
    public static final Duration ROOT_VALIDITY = Duration.ofDays(3650);

    private final CaName name;
    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final KeyAlgorithm algorithm;
    private final CaSigner signer;
    private final JcaX509ExtensionUtils extensionUtils;
    // Read from the certificate once: parsing its dates and key identifier cost a few percent of every issuance.
    private final Instant notAfter;
    private final AuthorityKeyIdentifier authorityKeyIdentifier;

    public CertificateAuthority(CaName name, X509Certificate certificate, PrivateKey privateKey) {
        this.name = name;
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.algorithm = KeyAlgorithm.of(certificate.getPublicKey())
                .orElseThrow(() -> new IllegalArgumentException("unsupported CA key for " + name.id()));
        this.signer = CaSigner.of(privateKey, algorithm);
        this.extensionUtils = extensionUtils();
        this.notAfter = certificate.getNotAfter().toInstant();
        try {
            this.authorityKeyIdentifier = extensionUtils.createAuthorityKeyIdentifier(certificate);
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("unreadable CA certificate for " + name.id(), e);
        }
    }

    /** Creates a self-signed root: CA:TRUE (critical), keyCertSign + cRLSign + digitalSignature, SKI. */
    public static CertificateAuthority createRoot(CaName name, KeyAlgorithm algorithm, Instant now) {
        KeyPair keys = algorithm.generate();
        X500Name subject = new X500Name("CN=" + name.commonName());
        JcaX509ExtensionUtils ext = extensionUtils();
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    subject, SerialNumbers.next(), Date.from(now.minus(BACKDATE)),
                    Date.from(now.plus(ROOT_VALIDITY)), subject, keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate cert = Pem.toX509(b.build(CaSigner.of(keys.getPrivate(), algorithm).contentSigner()));
            return new CertificateAuthority(name, cert, keys.getPrivate());
        } catch (CertIOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CaName name() {
        return name;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** For the sealed key store and OCSP/CRL signing only; never log or serialise in clear. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    public KeyAlgorithm algorithm() {
        return algorithm;
    }

    public Instant notAfter() {
        return notAfter;
    }

    /**
     * Signs a leaf. Validity is the spec's (or {@code defaultValidity}), capped at {@code maxValidity}
     * and at this CA's own notAfter.
     */
    public X509Certificate sign(LeafSpec spec, Instant now, Duration defaultValidity, Duration maxValidity,
                                PublicEndpoints endpoints) {
        Duration validity = spec.validity().orElse(defaultValidity);
        if (validity.compareTo(maxValidity) > 0) {
            validity = maxValidity;
        }
        Instant notAfter = now.plus(validity);
        if (notAfter.isAfter(notAfter())) {
            notAfter = notAfter();
        }
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    certificate, SerialNumbers.next(), Date.from(now.minus(BACKDATE)), Date.from(notAfter),
                    spec.subject(), spec.publicKey());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage(spec.publicKey())));
            if (!spec.extendedKeyUsages().isEmpty()) {
                KeyPurposeId[] purposes = spec.extendedKeyUsages().stream().sorted()
                        .map(ExtendedKeyUsage::oid).toArray(KeyPurposeId[]::new);
                b.addExtension(Extension.extendedKeyUsage, false,
                        new org.bouncycastle.asn1.x509.ExtendedKeyUsage(purposes));
            }
            if (spec.hasSubjectAltNames()) {
                // RFC 5280 4.2.1.6: critical when the subject is empty.
                boolean critical = spec.subject().getRDNs().length == 0;
                b.addExtension(Extension.subjectAlternativeName, critical, subjectAltNames(spec));
            }
            b.addExtension(Extension.subjectKeyIdentifier, false, extensionUtils.createSubjectKeyIdentifier(spec.publicKey()));
            b.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier);
            endpoints.crlUrl(name).ifPresent(url -> addCrlDistributionPoint(b, url));
            endpoints.ocspUrl(name).ifPresent(url -> addOcsp(b, url));
            return Pem.toX509(b.build(signer.contentSigner()));
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot build certificate", e);
        }
    }

    /** digitalSignature always; keyEncipherment only where it means something (RSA key transport). */
    private static int keyUsage(PublicKey key) {
        return "RSA".equals(key.getAlgorithm()) ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                : KeyUsage.digitalSignature;
    }

    private static GeneralNames subjectAltNames(LeafSpec spec) {
        List<GeneralName> names = new ArrayList<>();
        spec.dnsNames().forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
        for (InetAddress ip : spec.ipAddresses()) {
            names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.getAddress())));
        }
        spec.emailAddresses().forEach(e -> names.add(new GeneralName(GeneralName.rfc822Name, e)));
        spec.uris().forEach(u -> names.add(new GeneralName(GeneralName.uniformResourceIdentifier, u.toString())));
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static void addCrlDistributionPoint(X509v3CertificateBuilder b, String url) {
        GeneralNames names = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, new DERIA5String(url)));
        DistributionPoint dp = new DistributionPoint(new DistributionPointName(names), null, null);
        try {
            b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {dp}));
        } catch (CertIOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addOcsp(X509v3CertificateBuilder b, String url) {
        AccessDescription ocsp = new AccessDescription(AccessDescription.id_ad_ocsp,
                new GeneralName(GeneralName.uniformResourceIdentifier, new DERIA5String(url)));
        try {
            b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(ocsp));
        } catch (CertIOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A content signer for this CA's key, e.g. for CRLs and OCSP responses. */
    public ContentSigner contentSigner() {
        return signer.contentSigner();
    }

    /** The JCA provider that signs with this CA's key ({@link Crypto#signer()}, or BC if it cannot take the key). */
    public Provider signingProvider() {
        return signer.provider();
    }

    private static JcaX509ExtensionUtils extensionUtils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "CertificateAuthority[" + name.id() + ", " + certificate.getSubjectX500Principal() + "]";
    }

    /** Serial number of a certificate as the API prints it: lowercase hex without colons. */
    public static String serialHex(BigInteger serial) {
        return serial.toString(16);
    }

}
