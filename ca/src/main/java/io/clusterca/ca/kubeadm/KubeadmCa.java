package io.clusterca.ca.kubeadm;

import io.clusterca.ca.authority.CaName;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Where kubeadm keeps each root in the pki directory and what it calls it
 * (cmd/kubeadm/app/phases/certs/certlist.go: KubeadmCertRootCA, KubeadmCertFrontProxyCA,
 * KubeadmCertEtcdCA; base names from cmd/kubeadm/app/constants/constants.go).
 */
public enum KubeadmCa {
    KUBERNETES(CaName.KUBERNETES_CA, "ca", "ca"),
    FRONT_PROXY(CaName.FRONT_PROXY_CA, "front-proxy-ca", "front-proxy-ca"),
    ETCD(CaName.ETCD_CA, "etcd-ca", "etcd/ca");

    private final CaName caName;
    private final String kubeadmName;
    private final String baseName;

    KubeadmCa(CaName caName, String kubeadmName, String baseName) {
        this.caName = caName;
        this.kubeadmName = kubeadmName;
        this.baseName = baseName;
    }

    public CaName caName() {
        return caName;
    }

    /** The name in kubeadm's output, e.g. the CERTIFICATE AUTHORITY column: {@code ca}, {@code etcd-ca}. */
    public String kubeadmName() {
        return kubeadmName;
    }

    /** The file path without extension relative to the pki directory, e.g. {@code etcd/ca}. */
    public String baseName() {
        return baseName;
    }

    public static KubeadmCa of(CaName caName) {
        return Arrays.stream(values()).filter(c -> c.caName == caName).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no kubeadm layout for " + caName.id()));
    }

    /** In kubeadm's order of presentation (renewal Manager.CAs() sorts by name). */
    public static List<KubeadmCa> sortedByName() {
        return Arrays.stream(values()).sorted(Comparator.comparing(KubeadmCa::kubeadmName)).toList();
    }
}
