package io.clusterca.ca.policy;

import io.clusterca.ca.net.IpAddresses;
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

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.ExtendedKeyUsage;
import io.clusterca.ca.authority.LeafSpec;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** kubernetes.io/kubelet-serving: ValidateKubeletServingCSR plus kubelet-csr-approver's checks. */
class KubeletServingProfileTest {
    private static final String SIGNER = SignerNames.KUBELET_SERVING;
    private static final ServingPolicy CONFIGURED = ServingPolicy.parse(
            Optional.of("node-\\d+(\\.cluster\\.example)?"), List.of("10.0.0.0/16", "fd00::/8"));

    private final SignerProfile unrestricted = StandardProfiles.kubeletServing(ServingPolicy.unrestricted());
    private final SignerProfile configured = StandardProfiles.kubeletServing(CONFIGURED);

    private static Requests fromNode1(Csrs csr) {
        return request(SIGNER, csr.build()).by(node("node-1"));
    }

    @Test
    void approvesANodeAskingForItsOwnNamesAndAddresses() throws Exception {
        LeafSpec spec = approved(configured.evaluate(fromNode1(
                csr().node("node-1").dns("node-1", "node-1.cluster.example").ip("10.0.3.7", "fd00::7"))
                .usages(DIGITAL_SIGNATURE, SERVER_AUTH).build()));

        assertEquals(CaName.KUBERNETES_CA, spec.ca());
        assertEquals(List.of("node-1", "node-1.cluster.example"), spec.dnsNames());
        assertEquals(List.of(InetAddress.getByName("10.0.3.7"), InetAddress.getByName("fd00::7")), spec.ipAddresses());
        assertEquals(Set.of(ExtendedKeyUsage.SERVER_AUTH), spec.extendedKeyUsages());
    }

    @Test
    void approvesAnIpOnlyRequest() {
        approved(unrestricted.evaluate(fromNode1(csr().node("node-1").ip("192.168.1.5")).build()));
    }

    @Test
    void approvesAnOfflineAdministrator() {
        approved(unrestricted.evaluate(request(SIGNER, csr().node("node-1").dns("node-1").build()).build()));
    }

    @Test
    void approvesAnAdministratorInSystemMasters() {
        approved(unrestricted.evaluate(request(SIGNER, csr().node("node-1").dns("node-1").build())
                .by(administrator()).build()));
    }

    @Test
    void refusesBootstrappers() {
        refused("bootstrappers may not request serving certificates: only the node itself may use kubernetes.io/kubelet-serving",
                unrestricted.evaluate(request(SIGNER, csr().node("node-1").dns("node-1").build()).by(bootstrapper()).build()));
    }

    @Test
    void refusesANodeAskingForAnotherNodesName() {
        refused("node system:node:node-1 may only request a certificate for itself, not for system:node:node-2",
                unrestricted.evaluate(fromNode1(csr().node("node-2").dns("node-2")).build()));
    }

    @Test
    void refusesOtherUsers() {
        refused("alice may not use signer kubernetes.io/kubelet-serving: only the node itself or an administrator may",
                unrestricted.evaluate(request(SIGNER, csr().node("node-1").dns("node-1").build()).by(user("alice")).build()));
    }

    @Test
    void refusesTheSubjectOfANonNode() {
        refused("subject organization must be exactly [system:nodes]",
                unrestricted.evaluate(fromNode1(csr().cn("system:node:node-1").o("example").dns("node-1")).build()));
    }

    @Test
    void requiresADnsOrIpSubjectAltName() {
        refused("DNS or IP subjectAltName is required", unrestricted.evaluate(fromNode1(csr().node("node-1")).build()));
    }

    @Test
    void refusesEmailSubjectAltNames() {
        refused("Email subjectAltNames are not allowed",
                unrestricted.evaluate(fromNode1(csr().node("node-1").dns("node-1").email("ops@example.com")).build()));
    }

    @Test
    void refusesUriSubjectAltNames() {
        refused("URI subjectAltNames are not allowed",
                unrestricted.evaluate(fromNode1(csr().node("node-1").dns("node-1").uri("https://node-1/")).build()));
    }

    @Test
    void refusesWildcardDnsNames() {
        refused("wildcard DNS subjectAltName *.node-1.cluster.example is not allowed",
                unrestricted.evaluate(fromNode1(csr().node("node-1").dns("*.node-1.cluster.example")).build()));
    }

    @Test
    void refusesDnsNamesThatDoNotStartWithTheNodeName() {
        refused("DNS subjectAltName kubernetes.default.svc must be the node name node-1 or start with node-1.",
                unrestricted.evaluate(fromNode1(csr().node("node-1").dns("node-1", "kubernetes.default.svc")).build()));
    }

    @Test
    void refusesDnsNamesThatMerelyShareTheNodeNamesPrefix() {
        refused("DNS subjectAltName node-10.cluster.example must be the node name node-1 or start with node-1.",
                unrestricted.evaluate(fromNode1(csr().node("node-1").dns("node-10.cluster.example")).build()));
    }

    @Test
    void comparesTheNodeNameCaseInsensitively() {
        approved(unrestricted.evaluate(fromNode1(csr().node("node-1").dns("NODE-1.Cluster.Example")).build()));
    }

    @Test
    void refusesSyntacticallyInvalidDnsNames() {
        refused("DNS subjectAltName node-1..cluster.example is not a valid DNS name",
                unrestricted.evaluate(fromNode1(csr().node("node-1").dns("node-1..cluster.example")).build()));
    }

    @Test
    void refusesDnsNamesTheConfiguredPatternDoesNotMatch() {
        refused("DNS subjectAltName node-1.other.example does not match the allowed pattern node-\\d+(\\.cluster\\.example)?",
                configured.evaluate(fromNode1(csr().node("node-1").dns("node-1.other.example")).build()));
    }

    @Test
    void refusesIpAddressesOutsideTheConfiguredRanges() {
        refused("IP subjectAltName 192.168.1.5 is not within the allowed ranges [10.0.0.0/16, fd00::/8]",
                configured.evaluate(fromNode1(csr().node("node-1").dns("node-1").ip("10.0.0.5", "192.168.1.5")).build()));
    }

    @Test
    void refusesIpv6AddressesOutsideTheConfiguredRanges() {
        refused("IP subjectAltName 2001:db8::1 is not within the allowed ranges [10.0.0.0/16, fd00::/8]",
                configured.evaluate(fromNode1(csr().node("node-1").ip("2001:db8::1")).build()));
    }

    @Test
    void acceptsAnyIpWhenNoRangesAreConfigured() {
        approved(unrestricted.evaluate(fromNode1(csr().node("node-1").ip("203.0.113.9", "2001:db8::1")).build()));
    }

    @Test
    void acceptsKeyEnciphermentAsKubeletsWithRsaKeysSendIt() {
        approved(unrestricted.evaluate(fromNode1(csr().node("node-1").dns("node-1"))
                .usages(DIGITAL_SIGNATURE, KEY_ENCIPHERMENT, SERVER_AUTH).build()));
    }

    @Test
    void refusesClientAuthUsage() {
        refused("usage client auth is not allowed by kubernetes.io/kubelet-serving "
                        + "(allowed: digital signature, server auth, key encipherment)",
                unrestricted.evaluate(fromNode1(csr().node("node-1").dns("node-1"))
                        .usages(DIGITAL_SIGNATURE, SERVER_AUTH, CLIENT_AUTH).build()));
    }

    @Test
    void refusesUsagesWithoutServerAuth() {
        refused("usages must include server auth", unrestricted.evaluate(fromNode1(csr().node("node-1").dns("node-1"))
                .usages(DIGITAL_SIGNATURE).build()));
    }
}
