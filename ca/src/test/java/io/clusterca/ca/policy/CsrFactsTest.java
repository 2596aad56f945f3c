package io.clusterca.ca.policy;

import static io.clusterca.ca.policy.Csrs.csr;
import static io.clusterca.ca.policy.Decisions.refused;
import static io.clusterca.ca.policy.Requests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import io.clusterca.ca.crypto.Crypto;
import org.junit.jupiter.api.Test;

/** Reading a CSR's subject and SANs the way Go's crypto/x509 reads them for Kubernetes. */
class CsrFactsTest {
    @Test
    void readsCommonNameAndOrganizations() {
        CsrFacts facts = CsrFacts.of(csr().cn("system:node:node-1").o("system:nodes", "example").build());

        assertEquals(Optional.of("system:node:node-1"), facts.commonName());
        assertEquals(List.of("system:nodes", "example"), facts.organizations());
    }

    @Test
    void readsValuesOfMultiValuedRdns() {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addMultiValuedRDN(new AttributeTypeAndValue[] {
                new AttributeTypeAndValue(BCStyle.O, new DERUTF8String("system:nodes")),
                new AttributeTypeAndValue(BCStyle.CN, new DERUTF8String("system:node:node-1"))}).build();

        CsrFacts facts = CsrFacts.of(signed(subject, null));

        assertEquals(List.of("system:nodes"), facts.organizations());
        assertEquals(List.of("system:node:node-1"), facts.commonNames());
    }

    @Test
    void readsValuesUnescaped() {
        CsrFacts facts = CsrFacts.of(csr().cn("Doe, Jane+ops").build());

        assertEquals(Optional.of("Doe, Jane+ops"), facts.commonName());
    }

    @Test
    void hasNoSingleCommonNameWhenThereAreTwo() {
        CsrFacts facts = CsrFacts.of(csr().cn("a").cn("b").build());

        assertEquals(List.of("a", "b"), facts.commonNames());
        assertEquals(Optional.empty(), facts.commonName());
    }

    @Test
    void readsDnsIpv4Ipv6EmailAndUriSubjectAltNames() throws Exception {
        CsrFacts facts = CsrFacts.of(csr().cn("x").dns("a.example", "b.example").ip("10.1.2.3", "fd00::1")
                .email("ops@example.com").uri("spiffe://cluster.local/ns/a/sa/b").build());

        assertEquals(List.of("a.example", "b.example"), facts.dnsNames());
        assertEquals(List.of(InetAddress.getByName("10.1.2.3"), InetAddress.getByName("fd00::1")), facts.ipAddresses());
        assertEquals(List.of("ops@example.com"), facts.emailAddresses());
        assertEquals(List.of(URI.create("spiffe://cluster.local/ns/a/sa/b")), facts.uris());
        assertTrue(facts.hasSubjectAltNames());
    }

    @Test
    void hasNoSubjectAltNamesWithoutAnExtensionRequest() {
        assertFalse(CsrFacts.of(csr().cn("x").build()).hasSubjectAltNames());
    }

    @Test
    void namesTheNodeOfASystemNodeCommonName() {
        assertEquals(Optional.of("node-1"), CsrFacts.of(csr().node("node-1").build()).nodeName());
        assertEquals(Optional.empty(), CsrFacts.of(csr().cn("system:node:").build()).nodeName());
        assertEquals(Optional.empty(), CsrFacts.of(csr().cn("node-1").build()).nodeName());
    }

    @Test
    void recordsThatTheCsrAsksForCaTrue() {
        assertTrue(CsrFacts.of(csr().cn("x").requestCa().build()).requestsCa());
        assertFalse(CsrFacts.of(csr().cn("x").build()).requestsCa());
    }

    @Test
    void listsSubjectAltNamesOfUnsupportedTypes() {
        CsrFacts facts = CsrFacts.of(csr().cn("x").san(new GeneralName(new X500Name("CN=dir"))).build());

        assertEquals(List.of("directoryName"), facts.unsupportedNameTypes());
    }

    @Test
    void refusesAnIpSubjectAltNameOfOddLength() {
        PKCS10CertificationRequest csr = csr().cn("x")
                .san(new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[5]))).build();

        MalformedCsrException e = assertThrows(MalformedCsrException.class, () -> CsrFacts.of(csr));
        assertEquals("IP subjectAltName of 5 bytes: expected 4 or 16", e.getMessage());
    }

    @Test
    void refusesAUriSubjectAltNameThatIsNoUri() {
        PKCS10CertificationRequest csr = csr().cn("x").uri("http://exa mple/").build();

        MalformedCsrException e = assertThrows(MalformedCsrException.class, () -> CsrFacts.of(csr));
        assertEquals("URI subjectAltName http://exa mple/ is not a valid URI", e.getMessage());
    }

    @Test
    void refusesARepeatedExtension() {
        ASN1Encodable san = new Extension(Extension.subjectAlternativeName, false,
                new DEROctetString(encoded(new GeneralNames(new GeneralName(GeneralName.dNSName, "a")))));
        PKCS10CertificationRequest csr = signed(new X500Name("CN=x"), new DERSequence(new ASN1Encodable[] {san, san}));

        MalformedCsrException e = assertThrows(MalformedCsrException.class, () -> CsrFacts.of(csr));
        assertTrue(e.getMessage().startsWith("undecodable extension request: repeated extension found"), e.getMessage());
    }

    @Test
    void profilesRefuseMalformedCsrsNamingTheProblem() {
        PKCS10CertificationRequest csr = csr().cn("x")
                .san(new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[5]))).build();

        refused("malformed certificate request: IP subjectAltName of 5 bytes: expected 4 or 16",
                StandardProfiles.kubeApiserverClient().evaluate(request(SignerNames.KUBE_APISERVER_CLIENT, csr).build()));
    }

    private static byte[] encoded(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A CSR with a hand-made extension request (or none), for shapes the Csrs builder cannot produce. */
    private static PKCS10CertificationRequest signed(X500Name subject, ASN1Encodable extensionRequest) {
        try {
            var keys = Csrs.keys(Csrs.KeyType.P256);
            PKCS10CertificationRequestBuilder b = new PKCS10CertificationRequestBuilder(subject,
                    SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
            if (extensionRequest != null) {
                b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensionRequest);
            }
            return b.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Crypto.BC).build(keys.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
