package io.clusterca.ca.policy;

import static io.clusterca.ca.policy.Csrs.csr;
import static io.clusterca.ca.policy.Decisions.refused;
import static io.clusterca.ca.policy.Requests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clusterca.ca.authority.CaName;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The registry of signer profiles. */
class SignerProfilesTest {
    private final SignerProfiles profiles = SignerProfiles.standard(ServingPolicy.unrestricted());

    @Test
    void servesTheSevenStandardSignerNames() {
        assertEquals(Set.of(
                "kubernetes.io/kube-apiserver-client-kubelet", "kubernetes.io/kubelet-serving",
                "kubernetes.io/kube-apiserver-client", "clusterca.io/etcd-server", "clusterca.io/etcd-peer",
                "clusterca.io/etcd-client", "clusterca.io/front-proxy-client"), profiles.names());
    }

    @ParameterizedTest
    @CsvSource({
            "kubernetes.io/kube-apiserver-client-kubelet, kubernetes-ca",
            "kubernetes.io/kubelet-serving, kubernetes-ca",
            "kubernetes.io/kube-apiserver-client, kubernetes-ca",
            "clusterca.io/etcd-server, etcd-ca",
            "clusterca.io/etcd-peer, etcd-ca",
            "clusterca.io/etcd-client, etcd-ca",
            "clusterca.io/front-proxy-client, front-proxy-ca"})
    void findsEachProfileWithItsCa(String signerName, String ca) {
        SignerProfile profile = profiles.forName(signerName).orElseThrow();

        assertEquals(signerName, profile.signerName());
        assertEquals(CaName.fromId(ca).orElseThrow(), profile.ca());
    }

    @Test
    void hasNoProfileForAnUnknownSignerName() {
        assertEquals(Optional.empty(), profiles.forName("kubernetes.io/legacy-unknown"));
    }

    @Test
    void refusesRequestsForAnUnknownSignerName() {
        refused("unknown signer name example.com/anything",
                profiles.evaluate(request("example.com/anything", csr().cn("a").build()).build()));
    }

    @Test
    void aProfileRefusesARequestMeantForAnotherSigner() {
        refused("request is for signer clusterca.io/etcd-client, not kubernetes.io/kube-apiserver-client",
                StandardProfiles.kubeApiserverClient().evaluate(
                        request(SignerNames.ETCD_CLIENT, csr().cn("a").build()).build()));
    }

    @Test
    void refusesTwoProfilesWithOneSignerName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SignerProfiles.of(
                List.of(StandardProfiles.etcdClient(), StandardProfiles.etcdClient())));
        assertEquals("two signer profiles named clusterca.io/etcd-client", e.getMessage());
    }
}
