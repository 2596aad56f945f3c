package io.clusterca.ca.policy;

import io.clusterca.ca.net.IpAddresses;
import static io.clusterca.ca.authority.ExtendedKeyUsage.CLIENT_AUTH;
import static io.clusterca.ca.authority.ExtendedKeyUsage.SERVER_AUTH;

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.ExtendedKeyUsage;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The seven profiles ClusterCA ships (ca/POLICY.md has them as a table). Every profile runs, in
 * order: key, signature hash, proof of possession, expiration, subject, requester, SANs, usages.
 */
public final class StandardProfiles {
    private static final List<Rule> CSR_INTEGRITY = List.of(
            KeyRules.acceptedKey(), KeyRules.strongSignature(), KeyRules.proofOfPossession(),
            ExpirationRules.atLeastMinimum());
    private static final List<Rule> NODE_SUBJECT = List.of(
            SubjectRules.organizationExactly(List.of(Requester.NODES_GROUP)),
            SubjectRules.singleCommonName(), SubjectRules.nodeCommonName());
    private static final List<Rule> ANY_SUBJECT = List.of(SubjectRules.singleCommonName());
    /** Client certificates of administrators: any well-formed SANs, as Kubernetes' kube-apiserver-client signer. */
    private static final List<Rule> CLIENT_SANS = List.of(SanRules.supportedTypesOnly(), SanRules.validDnsNames());
    private static final List<Rule> ETCD_SERVING_SANS = List.of(
            SanRules.dnsOrIpRequired(), SanRules.noEmailAddresses(), SanRules.noUris(),
            SanRules.supportedTypesOnly(), SanRules.noWildcardDnsNames(), SanRules.validDnsNames());

    private StandardProfiles() {}

    public static List<SignerProfile> all(ServingPolicy serving) {
        return List.of(kubeletClient(), kubeletServing(serving), kubeApiserverClient(),
                etcdServer(), etcdPeer(), etcdClient(), frontProxyClient());
    }

    /** As pkg/apis/certificates/helpers.go ValidateKubeletClientCSR, plus sarapprove.go's who-may-ask. */
    public static SignerProfile kubeletClient() {
        return profile(SignerNames.KUBELET_CLIENT, CaName.KUBERNETES_CA, Set.of(CLIENT_AUTH),
                NODE_SUBJECT, RequesterRules.kubeletClientRequester(),
                List.of(SanRules.noDnsNames(), SanRules.noEmailAddresses(), SanRules.noIpAddresses(), SanRules.noUris(),
                        SanRules.supportedTypesOnly()),
                UsagePolicy.KUBELET_CLIENT);
    }

    /** As ValidateKubeletServingCSR, plus the node-name / regex / IP-range checks of kubelet-csr-approver. */
    public static SignerProfile kubeletServing(ServingPolicy serving) {
        List<Rule> sans = Stream.concat(Stream.of(
                        SanRules.dnsOrIpRequired(), SanRules.noEmailAddresses(), SanRules.noUris(),
                        SanRules.supportedTypesOnly(), SanRules.noWildcardDnsNames(), SanRules.validDnsNames(),
                        ServingRules.dnsNamesUnderNodeName()),
                ServingRules.of(serving).stream()).toList();
        return profile(SignerNames.KUBELET_SERVING, CaName.KUBERNETES_CA, Set.of(SERVER_AUTH),
                NODE_SUBJECT, RequesterRules.kubeletServingRequester(), sans, UsagePolicy.KUBELET_SERVING);
    }

    /** As signer.go isKubeAPIServerClient (usages only); who may ask is ours: administrators. */
    public static SignerProfile kubeApiserverClient() {
        return adminClient(SignerNames.KUBE_APISERVER_CLIENT, CaName.KUBERNETES_CA);
    }

    public static SignerProfile etcdServer() {
        return etcdServing(SignerNames.ETCD_SERVER);
    }

    public static SignerProfile etcdPeer() {
        return etcdServing(SignerNames.ETCD_PEER);
    }

    public static SignerProfile etcdClient() {
        return adminClient(SignerNames.ETCD_CLIENT, CaName.ETCD_CA);
    }

    public static SignerProfile frontProxyClient() {
        return adminClient(SignerNames.FRONT_PROXY_CLIENT, CaName.FRONT_PROXY_CA);
    }

    /** kubeadm's etcd server and peer certificates: both EKUs, DNS/IP SANs of the member. */
    private static SignerProfile etcdServing(String signerName) {
        return profile(signerName, CaName.ETCD_CA, Set.of(SERVER_AUTH, CLIENT_AUTH), ANY_SUBJECT,
                RequesterRules.administratorsOnly(), ETCD_SERVING_SANS, UsagePolicy.SERVER_AND_CLIENT);
    }

    private static SignerProfile adminClient(String signerName, CaName ca) {
        return profile(signerName, ca, Set.of(CLIENT_AUTH), ANY_SUBJECT, RequesterRules.administratorsOnly(),
                CLIENT_SANS, UsagePolicy.CLIENT);
    }

    private static SignerProfile profile(String signerName, CaName ca, Set<ExtendedKeyUsage> ekus,
                                         List<Rule> subject, Rule requester, List<Rule> sans, UsagePolicy usages) {
        List<Rule> rules = Stream.of(CSR_INTEGRITY, subject, List.of(requester), sans, List.of(usages.rule()))
                .flatMap(List::stream).toList();
        return new RuleBasedProfile(signerName, ca, rules, ekus);
    }
}
