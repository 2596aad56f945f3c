package io.clusterca.kube;

import io.clusterca.ca.ClusterAuthority;
import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.crypto.Crypto;
import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.events.EventSink;
import io.clusterca.ca.issuance.IssuanceSettings;
import io.clusterca.ca.keystore.InMemoryKeyVault;
import io.clusterca.ca.policy.ServingPolicy;
import io.clusterca.ca.policy.SignerNames;
import io.clusterca.ca.policy.SignerProfiles;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Authorities, kubelet CSRs and certificates.k8s.io objects as a kubelet and the API server would make them. */
final class KubeFixtures {
    static final SignerProfiles PROFILES = SignerProfiles.standard(ServingPolicy.unrestricted());
    static final List<String> CLIENT_USAGES = List.of("digital signature", "client auth");
    static final List<String> SERVING_USAGES = List.of("digital signature", "server auth");
    static final List<String> BOOTSTRAPPER_GROUPS = List.of("system:bootstrappers", "system:authenticated");
    static final List<String> NODE_GROUPS = List.of("system:nodes", "system:authenticated");

    private KubeFixtures() {}

    static ClusterAuthority authority(Path dataDir) {
        return ClusterAuthority.open(dataDir, new InMemoryKeyVault(), KeyAlgorithm.ECDSA_P256, PROFILES::forName,
                List.of(), EventSink.NONE, Clock.systemUTC(), IssuanceSettings.defaults());
    }

    static String clusterCaPem(ClusterAuthority authority) {
        return Pem.encode(authority.cas().get(CaName.KUBERNETES_CA).certificate());
    }

    /** A PEM CSR of a fresh P-256 key: CN=system:node:NODE, O=system:nodes, with the given DNS/IP SANs. */
    static String kubeletCsrPem(String node, String... sans) {
        KeyPair keys = KeyAlgorithm.ECDSA_P256.generate();
        X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "system:nodes").addRDN(BCStyle.CN, "system:node:" + node);
        PKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(subject.build(), keys.getPublic());
        if (sans.length > 0) {
            List<GeneralName> names = new ArrayList<>();
            for (String san : sans) {
                names.add(isIp(san) ? new GeneralName(GeneralName.iPAddress, san) : new GeneralName(GeneralName.dNSName, san));
            }
            try {
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            return Pem.encode(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Crypto.BC)
                    .build(keys.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isIp(String san) {
        if (!san.matches("[0-9.:]+")) {
            return false;
        }
        try {
            InetAddress.getByName(san);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static CertificateSigningRequestBuilder csr(String name, String signerName, String pem, String username,
                                                List<String> groups, List<String> usages) {
        return new CertificateSigningRequestBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec()
                .withSignerName(signerName)
                .withRequest(Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)))
                .withUsername(username)
                .withGroups(groups)
                .withUsages(usages)
                .endSpec();
    }

    /** TLS bootstrapping: a bootstrap token asks for the kubelet client certificate of {@code node}. */
    static CertificateSigningRequest bootstrapCsr(String name, String node) {
        return csr(name, SignerNames.KUBELET_CLIENT, kubeletCsrPem(node), "system:bootstrap:abcdef",
                BOOTSTRAPPER_GROUPS, CLIENT_USAGES).build();
    }

    /** Client certificate rotation: the node renews its own client certificate. */
    static CertificateSigningRequest nodeClientCsr(String name, String requestingNode, String node) {
        return csr(name, SignerNames.KUBELET_CLIENT, kubeletCsrPem(node), "system:node:" + requestingNode,
                NODE_GROUPS, CLIENT_USAGES).build();
    }

    static CertificateSigningRequest servingCsr(String name, String node, String... sans) {
        return csr(name, SignerNames.KUBELET_SERVING, kubeletCsrPem(node, sans), "system:node:" + node,
                NODE_GROUPS, SERVING_USAGES).build();
    }

    static String decodedCertificate(CertificateSigningRequest csr) {
        return new String(Base64.getDecoder().decode(csr.getStatus().getCertificate()), StandardCharsets.US_ASCII);
    }
}
