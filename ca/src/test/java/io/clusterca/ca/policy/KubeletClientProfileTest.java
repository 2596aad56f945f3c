package io.clusterca.ca.policy;

import static io.clusterca.ca.policy.Csrs.csr;
import static io.clusterca.ca.policy.Decisions.approved;
import static io.clusterca.ca.policy.Decisions.refused;
import static io.clusterca.ca.policy.Requests.administrator;
import static io.clusterca.ca.policy.Requests.bootstrapper;
import static io.clusterca.ca.policy.Requests.node;
import static io.clusterca.ca.policy.Requests.request;
import static io.clusterca.ca.policy.Requests.user;
import static io.clusterca.ca.policy.UsagePolicy.CLIENT_AUTH;
import static io.clusterca.ca.policy.UsagePolicy.DIGITAL_SIGNATURE;
import static io.clusterca.ca.policy.UsagePolicy.KEY_ENCIPHERMENT;
import static io.clusterca.ca.policy.UsagePolicy.SERVER_AUTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.ExtendedKeyUsage;
import io.clusterca.ca.authority.LeafSpec;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** kubernetes.io/kube-apiserver-client-kubelet: Kubernetes' ValidateKubeletClientCSR and sarapprove.go. */
class KubeletClientProfileTest {
    private static final String SIGNER = SignerNames.KUBELET_CLIENT;
    private final SignerProfile profile = StandardProfiles.kubeletClient();

    private PolicyDecision evaluate(Requests request) {
        return profile.evaluate(request.build());
    }

    @Test
    void approvesANodeRenewingItsOwnClientCertificate() {
        LeafSpec spec = approved(evaluate(request(SIGNER, csr().node("node-1").build()).by(node("node-1"))
                .usages(DIGITAL_SIGNATURE, CLIENT_AUTH)));

        assertEquals("O=system:nodes,CN=system:node:node-1", spec.subject().toString());
        assertEquals(CaName.KUBERNETES_CA, spec.ca());
        assertEquals(SIGNER, spec.signerName());
        assertEquals(Set.of(ExtendedKeyUsage.CLIENT_AUTH), spec.extendedKeyUsages());
        assertFalse(spec.hasSubjectAltNames());
    }

    @Test
    void approvesABootstrapperForAnyNodeName() {
        approved(evaluate(request(SIGNER, csr().node("any-new-node").build()).by(bootstrapper())));
    }

    @Test
    void approvesAnOfflineAdministratorWithoutRequester() {
        approved(evaluate(request(SIGNER, csr().node("node-1").build())));
    }

    @Test
    void approvesAnAdministratorInSystemMasters() {
        approved(evaluate(request(SIGNER, csr().node("node-1").build()).by(administrator())));
    }

    @Test
    void refusesANodeAskingForAnotherNodesName() {
        refused("node system:node:node-1 may only request a certificate for itself, not for system:node:node-2",
                evaluate(request(SIGNER, csr().node("node-2").build()).by(node("node-1"))));
    }

    @Test
    void refusesAUserWhoIsNeitherNodeNorBootstrapperNorAdministrator() {
        refused("alice may not use signer kubernetes.io/kube-apiserver-client-kubelet: only the node itself, "
                        + "a bootstrapper (group system:bootstrappers) or an administrator may",
                evaluate(request(SIGNER, csr().node("node-1").build()).by(user("alice"))));
    }

    @Test
    void refusesANodeNameWithoutTheNodesGroupAsAnOrdinaryUser() {
        Requester impostor = new Requester("system:node:node-1", Set.of("system:authenticated"));
        refused("system:node:node-1 may not use signer kubernetes.io/kube-apiserver-client-kubelet: only the node itself, "
                        + "a bootstrapper (group system:bootstrappers) or an administrator may",
                evaluate(request(SIGNER, csr().node("node-1").build()).by(impostor)));
    }

    static Stream<Arguments> badSubjects() {
        return Stream.of(
                Arguments.of("no organization", csr().cn("system:node:node-1"),
                        "subject organization must be exactly [system:nodes]"),
                Arguments.of("another organization", csr().cn("system:node:node-1").o("system:masters"),
                        "subject organization must be exactly [system:nodes]"),
                Arguments.of("an extra organization", csr().node("node-1").o("system:masters"),
                        "subject organization must be exactly [system:nodes]"),
                Arguments.of("no common name", csr().o("system:nodes"), "subject common name is required"),
                Arguments.of("two common names", csr().node("node-1").cn("system:node:node-2"),
                        "subject must not have more than one common name"),
                Arguments.of("a common name without the node prefix", csr().cn("node-1").o("system:nodes"),
                        "subject common name must start with system:node:"),
                Arguments.of("the node prefix alone", csr().cn("system:node:").o("system:nodes"),
                        "subject common name must name a node after system:node:"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSubjects")
    void refusesSubjectsThatDoNotNameANode(String what, Csrs csr, String reason) {
        refused(reason, evaluate(request(SIGNER, csr.build()).by(bootstrapper())));
    }

    static Stream<Arguments> forbiddenSans() {
        return Stream.of(
                Arguments.of(csr().node("node-1").dns("node-1"), "DNS subjectAltNames are not allowed"),
                Arguments.of(csr().node("node-1").email("node-1@example.com"), "Email subjectAltNames are not allowed"),
                Arguments.of(csr().node("node-1").ip("10.0.0.1"), "IP subjectAltNames are not allowed"),
                Arguments.of(csr().node("node-1").uri("spiffe://cluster/node-1"), "URI subjectAltNames are not allowed"),
                Arguments.of(csr().node("node-1").san(new GeneralName(GeneralName.otherName, new DERSequence(
                                new org.bouncycastle.asn1.ASN1Encodable[] {new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3"),
                                        new DERTaggedObject(true, 0, new DERUTF8String("node-1@example"))}))),
                        "subjectAltName of type otherName is not supported"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("forbiddenSans")
    void refusesEverySubjectAltName(Csrs csr, String reason) {
        refused(reason, evaluate(request(SIGNER, csr.build()).by(node("node-1"))));
    }

    @Test
    void acceptsTheUsagesKubeletsSendWithRsaKeys() {
        approved(evaluate(request(SIGNER, csr().node("node-1").build()).by(node("node-1"))
                .usages(DIGITAL_SIGNATURE, KEY_ENCIPHERMENT, CLIENT_AUTH)));
    }

    @Test
    void refusesServerAuthUsage() {
        refused("usage server auth is not allowed by kubernetes.io/kube-apiserver-client-kubelet "
                        + "(allowed: digital signature, client auth, key encipherment)",
                evaluate(request(SIGNER, csr().node("node-1").build()).by(node("node-1"))
                        .usages(DIGITAL_SIGNATURE, CLIENT_AUTH, SERVER_AUTH)));
    }

    @Test
    void refusesUsagesWithoutDigitalSignatureAsKubernetesDoes() {
        refused("usages must include digital signature",
                evaluate(request(SIGNER, csr().node("node-1").build()).by(node("node-1")).usages(CLIENT_AUTH)));
    }

    @Test
    void givesTheProfilesExtendedKeyUsagesNotThoseTheCsrAsksFor() {
        PKCS10CertificationRequest asksForServerAuth = csr().node("node-1")
                .extension(Extension.extendedKeyUsage, false,
                        new org.bouncycastle.asn1.x509.ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .build();

        LeafSpec spec = approved(evaluate(request(SIGNER, asksForServerAuth).by(node("node-1"))));

        assertEquals(Set.of(ExtendedKeyUsage.CLIENT_AUTH), spec.extendedKeyUsages());
    }
}
