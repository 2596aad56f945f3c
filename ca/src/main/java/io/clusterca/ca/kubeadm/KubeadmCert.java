package io.clusterca.ca.kubeadm;

import static io.clusterca.ca.authority.ExtendedKeyUsage.CLIENT_AUTH;
import static io.clusterca.ca.authority.ExtendedKeyUsage.SERVER_AUTH;

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.ExtendedKeyUsage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The seven leaf certificates of kubeadm's PKI, as defined in
 * cmd/kubeadm/app/phases/certs/certlist.go (GetDefaultCertList) with names, base names and common
 * names from cmd/kubeadm/app/constants/constants.go.
 *
 * <p>Subjects follow current kubeadm: {@code apiserver-kubelet-client} carries
 * {@code O=kubeadm:cluster-admins} (not {@code system:masters}, since v1.29, kubernetes#121837), and
 * the etcd client certificates carry no organization (etcd ignores it; kubernetes#119859, #120521).
 * The etcd server and peer certificates are named after the node.
 */
public enum KubeadmCert {
    APISERVER("apiserver", "apiserver", CaName.KUBERNETES_CA, "clusterca.io/kube-apiserver-serving",
            s -> "kube-apiserver", List.of(), Set.of(SERVER_AUTH), AltNames::forApiServer),
    APISERVER_KUBELET_CLIENT("apiserver-kubelet-client", "apiserver-kubelet-client", CaName.KUBERNETES_CA,
            "kubernetes.io/kube-apiserver-client", s -> "kube-apiserver-kubelet-client",
            List.of("kubeadm:cluster-admins"), Set.of(CLIENT_AUTH), s -> AltNames.NONE),
    FRONT_PROXY_CLIENT("front-proxy-client", "front-proxy-client", CaName.FRONT_PROXY_CA,
            "clusterca.io/front-proxy-client", s -> "front-proxy-client", List.of(), Set.of(CLIENT_AUTH),
            s -> AltNames.NONE),
    // etcd 3.2+ needs clientAuth on the server certificate too (kubeadm's TODO, etcd-io/etcd#9785).
    ETCD_SERVER("etcd-server", "etcd/server", CaName.ETCD_CA, "clusterca.io/etcd-server",
            ClusterSettings::nodeName, List.of(), Set.of(SERVER_AUTH, CLIENT_AUTH), AltNames::forEtcd),
    ETCD_PEER("etcd-peer", "etcd/peer", CaName.ETCD_CA, "clusterca.io/etcd-peer",
            ClusterSettings::nodeName, List.of(), Set.of(SERVER_AUTH, CLIENT_AUTH), AltNames::forEtcd),
    ETCD_HEALTHCHECK_CLIENT("etcd-healthcheck-client", "etcd/healthcheck-client", CaName.ETCD_CA,
            "clusterca.io/etcd-client", s -> "kube-etcd-healthcheck-client", List.of(), Set.of(CLIENT_AUTH),
            s -> AltNames.NONE),
    APISERVER_ETCD_CLIENT("apiserver-etcd-client", "apiserver-etcd-client", CaName.ETCD_CA,
            "clusterca.io/etcd-client", s -> "kube-apiserver-etcd-client", List.of(), Set.of(CLIENT_AUTH),
            s -> AltNames.NONE);

    private final String kubeadmName;
    private final String baseName;
    private final CaName ca;
    private final String signerName;
    private final Function<ClusterSettings, String> commonName;
    private final List<String> organizations;
    private final Set<ExtendedKeyUsage> extendedKeyUsages;
    private final Function<ClusterSettings, AltNames> altNames;

    KubeadmCert(String kubeadmName, String baseName, CaName ca, String signerName,
                Function<ClusterSettings, String> commonName, List<String> organizations,
                Set<ExtendedKeyUsage> extendedKeyUsages, Function<ClusterSettings, AltNames> altNames) {
        this.kubeadmName = kubeadmName;
        this.baseName = baseName;
        this.ca = ca;
        this.signerName = signerName;
        this.commonName = commonName;
        this.organizations = organizations;
        this.extendedKeyUsages = extendedKeyUsages;
        this.altNames = altNames;
    }

    /** The name {@code kubeadm certs renew} and {@code check-expiration} use, e.g. {@code etcd-server}. */
    public String kubeadmName() {
        return kubeadmName;
    }

    /** The file path without extension relative to the pki directory, e.g. {@code etcd/server}. */
    public String baseName() {
        return baseName;
    }

    public CaName ca() {
        return ca;
    }

    public KubeadmCa kubeadmCa() {
        return KubeadmCa.of(ca);
    }

    /** The signer this leaf is recorded under (the matching policy profile where one exists). */
    public String signerName() {
        return signerName;
    }

    public String commonName(ClusterSettings settings) {
        return commonName.apply(settings);
    }

    public List<String> organizations() {
        return organizations;
    }

    public Set<ExtendedKeyUsage> extendedKeyUsages() {
        return extendedKeyUsages;
    }

    public AltNames altNames(ClusterSettings settings) {
        return altNames.apply(settings);
    }

    /** O before CN, the RDN order Go's pkix.Name.ToRDNSequence gives kubeadm's certificates. */
    public X500Name subject(ClusterSettings settings) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        organizations.forEach(o -> b.addRDN(BCStyle.O, o));
        b.addRDN(BCStyle.CN, commonName(settings));
        return b.build();
    }

    public static Optional<KubeadmCert> fromName(String kubeadmName) {
        return Arrays.stream(values()).filter(c -> c.kubeadmName.equals(kubeadmName)).findFirst();
    }

    /** kubeadm's order of presentation and of {@code renew all} (renewal Manager.Certificates() sorts by name). */
    public static List<KubeadmCert> sortedByName() {
        return Arrays.stream(values()).sorted(Comparator.comparing(KubeadmCert::kubeadmName)).toList();
    }

    /** "apiserver, apiserver-etcd-client, ...": for messages that list what is valid. */
    public static String namesSorted() {
        return sortedByName().stream().map(KubeadmCert::kubeadmName).collect(Collectors.joining(", "));
    }
}
