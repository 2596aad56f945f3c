package io.clusterca.ca.policy;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * What a CSR says, read the way Go's {@code crypto/x509} reads it for Kubernetes: subject common
 * names and organizations (every value, in order, multi-valued RDNs included) and the subject
 * alternative names of the PKCS#9 extensionRequest attribute. Other name types (otherName,
 * directoryName, ...) are listed by type so a policy can refuse them rather than drop them silently.
 *
 * @param requestsCa whether the CSR asks for CA:TRUE; informational only, the CA always signs CA:FALSE
 */
public record CsrFacts(
        X500Name subject,
        List<String> commonNames,
        List<String> organizations,
        List<String> dnsNames,
        List<InetAddress> ipAddresses,
        List<String> emailAddresses,
        List<URI> uris,
        List<String> unsupportedNameTypes,
        boolean requestsCa,
        SubjectPublicKeyInfo publicKeyInfo) {

    public CsrFacts {
        commonNames = List.copyOf(commonNames);
        organizations = List.copyOf(organizations);
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        emailAddresses = List.copyOf(emailAddresses);
        uris = List.copyOf(uris);
        unsupportedNameTypes = List.copyOf(unsupportedNameTypes);
    }

    /**
     * Reads a CSR's facts. Does not verify its signature (see {@link KeyRules#proofOfPossession()}).
     *
     * @throws MalformedCsrException when the subject or the extension request cannot be decoded
     */
    public static CsrFacts of(PKCS10CertificationRequest csr) {
        X500Name subject = csr.getSubject();
        Extensions extensions = extensionRequest(csr);
        List<String> dns = new ArrayList<>();
        List<InetAddress> ips = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<URI> uris = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        boolean requestsCa = false;
        if (extensions != null) {
            try {
                GeneralNames sans = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
                if (sans != null) {
                    for (GeneralName name : sans.getNames()) {
                        switch (name.getTagNo()) {
                            case GeneralName.dNSName -> dns.add(text(name, "DNS"));
                            case GeneralName.iPAddress -> ips.add(ip(name));
                            case GeneralName.rfc822Name -> emails.add(text(name, "email"));
                            case GeneralName.uniformResourceIdentifier -> uris.add(uri(name));
                            default -> unsupported.add(typeName(name.getTagNo()));
                        }
                    }
                }
                BasicConstraints constraints = BasicConstraints.fromExtensions(extensions);
                requestsCa = constraints != null && constraints.isCA();
            } catch (MalformedCsrException e) {
                throw e;
            } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
                throw new MalformedCsrException("undecodable extension in the extension request: " + e.getMessage());
            }
        }
        return new CsrFacts(subject, values(subject, BCStyle.CN, "common name"),
                values(subject, BCStyle.O, "organization"), dns, ips, emails, uris, unsupported, requestsCa,
                csr.getSubjectPublicKeyInfo());
    }

    /** The common name when the subject carries exactly one. */
    public Optional<String> commonName() {
        return commonNames.size() == 1 ? Optional.of(commonNames.get(0)) : Optional.empty();
    }

    /** The node a {@code system:node:<name>} common name names, when it names one. */
    public Optional<String> nodeName() {
        return commonName()
                .filter(cn -> cn.startsWith(Requester.NODE_PREFIX))
                .map(cn -> cn.substring(Requester.NODE_PREFIX.length()))
                .filter(name -> !name.isEmpty());
    }

    public boolean hasSubjectAltNames() {
        return !dnsNames.isEmpty() || !ipAddresses.isEmpty() || !emailAddresses.isEmpty() || !uris.isEmpty()
                || !unsupportedNameTypes.isEmpty();
    }

    private static Extensions extensionRequest(PKCS10CertificationRequest csr) {
        Attribute[] attributes = csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest);
        if (attributes.length == 0) {
            return null;
        }
        if (attributes.length > 1) {
            throw new MalformedCsrException("more than one extensionRequest attribute");
        }
        ASN1Set values = attributes[0].getAttrValues();
        if (values.size() != 1) {
            throw new MalformedCsrException("the extensionRequest attribute must have exactly one value");
        }
        try {
            // Extensions.getInstance refuses a repeated extension OID, as RFC 5280 4.2 requires.
            return Extensions.getInstance(values.getObjectAt(0));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new MalformedCsrException("undecodable extension request: " + e.getMessage());
        }
    }

    private static List<String> values(X500Name name, ASN1ObjectIdentifier type, String what) {
        List<String> out = new ArrayList<>();
        for (RDN rdn : name.getRDNs(type)) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                if (atv.getType().equals(type)) {
                    out.add(string(atv.getValue(), "subject " + what));
                }
            }
        }
        return out;
    }

    private static String text(GeneralName name, String what) {
        return string(name.getName(), what + " subjectAltName");
    }

    /** The decoded string itself (not an RFC 4514 rendering with escapes), as Go compares it. */
    private static String string(ASN1Encodable value, String what) {
        if (value instanceof ASN1String s) {
            return s.getString();
        }
        throw new MalformedCsrException(what + " is not a string");
    }

    private static InetAddress ip(GeneralName name) {
        byte[] bytes = ASN1OctetString.getInstance(name.getName()).getOctets();
        if (bytes.length != 4 && bytes.length != 16) {
            throw new MalformedCsrException("IP subjectAltName of " + bytes.length + " bytes: expected 4 or 16");
        }
        try {
            return InetAddress.getByAddress(bytes); // no name lookup for a raw address
        } catch (UnknownHostException e) {
            throw new MalformedCsrException("IP subjectAltName: " + e.getMessage());
        }
    }

    private static URI uri(GeneralName name) {
        String text = text(name, "URI");
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new MalformedCsrException("URI subjectAltName " + text + " is not a valid URI");
        }
    }

    private static String typeName(int tag) {
        return switch (tag) {
            case GeneralName.otherName -> "otherName";
            case GeneralName.x400Address -> "x400Address";
            case GeneralName.directoryName -> "directoryName";
            case GeneralName.ediPartyName -> "ediPartyName";
            case GeneralName.registeredID -> "registeredID";
            default -> "tag " + tag;
        };
    }
}
