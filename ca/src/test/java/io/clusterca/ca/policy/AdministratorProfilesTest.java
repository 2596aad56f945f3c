package io.clusterca.ca.policy;

import static io.clusterca.ca.authority.ExtendedKeyUsage.CLIENT_AUTH;
import static io.clusterca.ca.authority.ExtendedKeyUsage.SERVER_AUTH;
import static io.clusterca.ca.policy.Csrs.csr;
import static io.clusterca.ca.policy.Decisions.approved;
import static io.clusterca.ca.policy.Decisions.refused;
import static io.clusterca.ca.policy.Requests.administrator;
import static io.clusterca.ca.policy.Requests.bootstrapper;
import static io.clusterca.ca.policy.Requests.node;
import static io.clusterca.ca.policy.Requests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.ExtendedKeyUsage;
import io.clusterca.ca.authority.LeafSpec;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The control-plane signers only administrators may use: kube-apiserver-client, etcd-*, front-proxy-client. */
class AdministratorProfilesTest {
    private final SignerProfiles profiles = SignerProfiles.standard(ServingPolicy.unrestricted());

    private PolicyDecision evaluate(Requests request) {
        return profiles.evaluate(request.build());
    }

    static Stream<Arguments> profilesAndTheirCertificates() {
        return Stream.of(
                Arguments.of(SignerNames.KUBE_APISERVER_CLIENT, CaName.KUBERNETES_CA, Set.of(CLIENT_AUTH),
                        csr().cn("kubernetes-admin").o("kubeadm:cluster-admins")),
                Arguments.of(SignerNames.ETCD_SERVER, CaName.ETCD_CA, Set.of(SERVER_AUTH, CLIENT_AUTH),
                        csr().cn("cp-1").dns("cp-1", "localhost").ip("10.0.0.10", "127.0.0.1", "::1")),
                Arguments.of(SignerNames.ETCD_PEER, CaName.ETCD_CA, Set.of(SERVER_AUTH, CLIENT_AUTH),
                        csr().cn("cp-1").dns("cp-1").ip("10.0.0.10")),
                Arguments.of(SignerNames.ETCD_CLIENT, CaName.ETCD_CA, Set.of(CLIENT_AUTH),
                        csr().cn("kube-apiserver-etcd-client")),
                Arguments.of(SignerNames.FRONT_PROXY_CLIENT, CaName.FRONT_PROXY_CA, Set.of(CLIENT_AUTH),
                        csr().cn("front-proxy-client")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profilesAndTheirCertificates")
    void approvesAnOfflineAdministratorWithTheProfilesCaAndUsages(String signer, CaName ca, Set<ExtendedKeyUsage> ekus,
                                                                  Csrs csr) {
        LeafSpec spec = approved(evaluate(request(signer, csr.build())));

        assertEquals(ca, spec.ca());
        assertEquals(ekus, spec.extendedKeyUsages());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profilesAndTheirCertificates")
    void approvesAnAdministratorInSystemMasters(String signer, CaName ca, Set<ExtendedKeyUsage> ekus, Csrs csr) {
        approved(evaluate(request(signer, csr.build()).by(administrator())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profilesAndTheirCertificates")
    void refusesBootstrappers(String signer, CaName ca, Set<ExtendedKeyUsage> ekus, Csrs csr) {
        refused("signer " + signer + " is reserved for administrators (group system:masters): "
                        + "system:bootstrap:abcdef may not use it",
                evaluate(request(signer, csr.build()).by(bootstrapper())));
    }

    @Test
    void refusesANodeAskingForAnEtcdClientCertificate() {
        refused("signer clusterca.io/etcd-client is reserved for administrators (group system:masters): "
                        + "system:node:node-1 may not use it",
                evaluate(request(SignerNames.ETCD_CLIENT, csr().cn("root").build()).by(node("node-1"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {SignerNames.ETCD_SERVER, SignerNames.ETCD_PEER})
    void requiresADnsOrIpSubjectAltNameForEtcdServingCertificates(String signer) {
        refused("DNS or IP subjectAltName is required", evaluate(request(signer, csr().cn("cp-1").build())));
    }

    @Test
    void refusesWildcardsInEtcdServingCertificates() {
        refused("wildcard DNS subjectAltName *.etcd.example is not allowed",
                evaluate(request(SignerNames.ETCD_SERVER, csr().cn("cp-1").dns("*.etcd.example").build())));
    }

    @Test
    void refusesEmailSubjectAltNamesInEtcdServingCertificates() {
        refused("Email subjectAltNames are not allowed",
                evaluate(request(SignerNames.ETCD_PEER, csr().cn("cp-1").dns("cp-1").email("a@example.com").build())));
    }

    @Test
    void requiresACommonNameOnClientCertificates() {
        refused("subject common name is required",
                evaluate(request(SignerNames.KUBE_APISERVER_CLIENT, csr().o("system:masters").build())));
    }

    @Test
    void refusesServerAuthUsageOnTheKubeApiserverClientSigner() {
        refused("usage server auth is not allowed by kubernetes.io/kube-apiserver-client "
                        + "(allowed: client auth, digital signature, key encipherment)",
                evaluate(request(SignerNames.KUBE_APISERVER_CLIENT, csr().cn("alice").build())
                        .usages(UsagePolicy.CLIENT_AUTH, UsagePolicy.SERVER_AUTH)));
    }

    @Test
    void passesClientSubjectAltNamesThroughAsKubernetesDoes() {
        LeafSpec spec = approved(evaluate(request(SignerNames.KUBE_APISERVER_CLIENT,
                csr().cn("alice").email("alice@example.com").uri("spiffe://cluster.local/alice").build())));

        assertEquals(List.of("alice@example.com"), spec.emailAddresses());
        assertEquals("spiffe://cluster.local/alice", spec.uris().get(0).toString());
    }

    @Test
    void requiresServerAndClientAuthUsagesForEtcdPeers() {
        refused("usages must include server auth",
                evaluate(request(SignerNames.ETCD_PEER, csr().cn("cp-1").dns("cp-1").build())
                        .usages(UsagePolicy.CLIENT_AUTH, UsagePolicy.DIGITAL_SIGNATURE)));
    }
}
