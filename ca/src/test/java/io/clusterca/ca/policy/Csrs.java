package io.clusterca.ca.policy;

import io.clusterca.ca.crypto.Crypto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;

/** Builds real, signed PKCS#10 CSRs for tests: {@code Csrs.csr().node("node-1").dns("node-1").build()}. */
final class Csrs {
    /** Key types a test may ask for, with the signature algorithm each signs its CSR with. */
    enum KeyType {
        P256("EC", "secp256r1", "SHA256withECDSA"),
        P384("EC", "secp384r1", "SHA384withECDSA"),
        P521("EC", "secp521r1", "SHA512withECDSA"),
        SECP256K1("EC", "secp256k1", "SHA256withECDSA"),
        ED25519("Ed25519", null, "Ed25519"),
        ED448("Ed448", null, "Ed448"),
        RSA_1024("RSA", "1024", "SHA256withRSA"),
        RSA_2048("RSA", "2048", "SHA256withRSA"),
        RSA_3072("RSA", "3072", "SHA256withRSA"),
        RSA_4096("RSA", "4096", "SHA256withRSA"),
        DSA_2048("DSA", "2048", "SHA256withDSA");

        final String algorithm;
        final String parameter;
        final String signatureAlgorithm;

        KeyType(String algorithm, String parameter, String signatureAlgorithm) {
            this.algorithm = algorithm;
            this.parameter = parameter;
            this.signatureAlgorithm = signatureAlgorithm;
        }
    }

    /** Key generation (RSA, DSA) is slow; tests share one key pair per type, which changes nothing they assert. */
    private static final Map<KeyType, KeyPair> KEYS = new ConcurrentHashMap<>();

    private final List<String> commonNames = new ArrayList<>();
    private final List<String> organizations = new ArrayList<>();
    private final List<GeneralName> sans = new ArrayList<>();
    private final ExtensionsGenerator extensions = new ExtensionsGenerator();
    private KeyType keyType = KeyType.P256;
    private String signatureAlgorithm;

    private Csrs() {}

    static Csrs csr() {
        return new Csrs();
    }

    /** CN=system:node:NAME, O=system:nodes: what a kubelet sends. */
    Csrs node(String name) {
        return cn(Requester.NODE_PREFIX + name).o(Requester.NODES_GROUP);
    }

    Csrs cn(String cn) {
        commonNames.add(cn);
        return this;
    }

    Csrs o(String... orgs) {
        organizations.addAll(Arrays.asList(orgs));
        return this;
    }

    Csrs dns(String... names) {
        Arrays.stream(names).forEach(n -> sans.add(new GeneralName(GeneralName.dNSName, n)));
        return this;
    }

    Csrs ip(String... ips) {
        Arrays.stream(ips).forEach(ip -> sans.add(new GeneralName(GeneralName.iPAddress, ip)));
        return this;
    }

    Csrs email(String... emails) {
        Arrays.stream(emails).forEach(e -> sans.add(new GeneralName(GeneralName.rfc822Name, e)));
        return this;
    }

    Csrs uri(String... uris) {
        Arrays.stream(uris).forEach(u -> sans.add(new GeneralName(GeneralName.uniformResourceIdentifier, u)));
        return this;
    }

    Csrs san(GeneralName name) {
        sans.add(name);
        return this;
    }

    Csrs requestCa() {
        return extension(Extension.basicConstraints, true, new BasicConstraints(true));
    }

    Csrs extension(org.bouncycastle.asn1.ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        try {
            extensions.addExtension(oid, critical, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Csrs key(KeyType type) {
        this.keyType = type;
        return this;
    }

    Csrs signatureAlgorithm(String algorithm) {
        this.signatureAlgorithm = algorithm;
        return this;
    }

    X500Name subject() {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        organizations.forEach(o -> b.addRDN(BCStyle.O, o));
        commonNames.forEach(cn -> b.addRDN(BCStyle.CN, cn));
        return b.build();
    }

    PKCS10CertificationRequest build() {
        KeyPair keys = keys(keyType);
        return build(SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()), keys, keyType);
    }

    /**
     * A CSR carrying {@code publicKey} but signed with a key of {@code signingType}: for keys that
     * cannot sign here (a made-up 16384-bit modulus) or to break proof of possession on purpose.
     */
    PKCS10CertificationRequest buildWithPublicKey(SubjectPublicKeyInfo publicKey, KeyType signingType) {
        return build(publicKey, keys(signingType), signingType);
    }

    private PKCS10CertificationRequest build(SubjectPublicKeyInfo publicKey, KeyPair signingKeys, KeyType signingType) {
        PKCS10CertificationRequestBuilder b = new PKCS10CertificationRequestBuilder(subject(), publicKey);
        try {
            if (!sans.isEmpty()) {
                extensions.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(sans.toArray(GeneralName[]::new)));
            }
            if (!extensions.isEmpty()) {
                b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            ContentSigner signer = new JcaContentSignerBuilder(
                    signatureAlgorithm != null ? signatureAlgorithm : signingType.signatureAlgorithm)
                    .setProvider(Crypto.BC).build(signingKeys.getPrivate());
            return b.build(signer);
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same CSR with the last byte of its signature flipped (stays well-formed DER for ECDSA/EdDSA/RSA). */
    static PKCS10CertificationRequest withTamperedSignature(PKCS10CertificationRequest csr) {
        CertificationRequest raw = csr.toASN1Structure();
        byte[] signature = raw.getSignature().getOctets();
        signature[signature.length - 1] ^= 0x01;
        return new PKCS10CertificationRequest(new CertificationRequest(
                raw.getCertificationRequestInfo(), raw.getSignatureAlgorithm(), new DERBitString(signature)));
    }

    static KeyPair keys(KeyType type) {
        return KEYS.computeIfAbsent(type, Csrs::generate);
    }

    static KeyPair generate(KeyType type) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance(type.algorithm, Crypto.BC);
            if ("EC".equals(type.algorithm)) {
                gen.initialize(new ECGenParameterSpec(type.parameter), Crypto.random());
            } else if (type.parameter != null) {
                gen.initialize(Integer.parseInt(type.parameter), Crypto.random());
            }
            return gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
