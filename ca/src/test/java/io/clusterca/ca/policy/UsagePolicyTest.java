package io.clusterca.ca.policy;

import static io.clusterca.ca.policy.UsagePolicy.CLIENT_AUTH;
import static io.clusterca.ca.policy.UsagePolicy.DIGITAL_SIGNATURE;
import static io.clusterca.ca.policy.UsagePolicy.KEY_ENCIPHERMENT;
import static io.clusterca.ca.policy.UsagePolicy.SERVER_AUTH;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** spec.usages per signer, as pkg/apis/certificates/helpers.go and signer.go accept them. */
class UsagePolicyTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                // kubelet client: exactly {ds, ca} or {ds, ke, ca}
                Arguments.of(UsagePolicy.KUBELET_CLIENT, Set.of(DIGITAL_SIGNATURE, CLIENT_AUTH), Optional.empty()),
                Arguments.of(UsagePolicy.KUBELET_CLIENT, Set.of(DIGITAL_SIGNATURE, KEY_ENCIPHERMENT, CLIENT_AUTH), Optional.empty()),
                Arguments.of(UsagePolicy.KUBELET_CLIENT, Set.of(KEY_ENCIPHERMENT, CLIENT_AUTH),
                        Optional.of("usages must include digital signature")),
                Arguments.of(UsagePolicy.KUBELET_CLIENT, Set.of(DIGITAL_SIGNATURE, CLIENT_AUTH, "signing"),
                        Optional.of("usage signing is not allowed by s (allowed: digital signature, client auth, key encipherment)")),
                // kubelet serving: exactly {ds, sa} or {ds, ke, sa}
                Arguments.of(UsagePolicy.KUBELET_SERVING, Set.of(DIGITAL_SIGNATURE, SERVER_AUTH), Optional.empty()),
                Arguments.of(UsagePolicy.KUBELET_SERVING, Set.of(), Optional.of("usages must include digital signature, server auth")),
                // client signers: client auth, optional ds and ke (signer.go validAPIServerClientUsages)
                Arguments.of(UsagePolicy.CLIENT, Set.of(CLIENT_AUTH), Optional.empty()),
                Arguments.of(UsagePolicy.CLIENT, Set.of(DIGITAL_SIGNATURE), Optional.of("usages must include client auth")),
                Arguments.of(UsagePolicy.CLIENT, Set.of(CLIENT_AUTH, SERVER_AUTH),
                        Optional.of("usage server auth is not allowed by s (allowed: client auth, digital signature, key encipherment)")),
                // etcd server and peer: both
                Arguments.of(UsagePolicy.SERVER_AND_CLIENT, Set.of(SERVER_AUTH, CLIENT_AUTH, KEY_ENCIPHERMENT), Optional.empty()),
                Arguments.of(UsagePolicy.SERVER_AND_CLIENT, Set.of(SERVER_AUTH), Optional.of("usages must include client auth")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void decidesUsagesAsKubernetesDoes(UsagePolicy policy, Set<String> usages, Optional<String> refusal) {
        assertEquals(refusal, policy.refusal("s", usages));
    }

    @Test
    void skipsRequestsThatCarryNoUsagesField() {
        CertificateRequest noUsages = Requests.request(SignerNames.KUBE_APISERVER_CLIENT, Csrs.csr().cn("a").build()).build();

        assertEquals(Optional.empty(), UsagePolicy.CLIENT.rule().refusal(noUsages, CsrFacts.of(noUsages.csr())));
    }
}
