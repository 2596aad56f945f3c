package io.clusterca.ca.authority;

import java.util.Arrays;
import java.util.Optional;

/** The three roots of kubeadm's PKI layout, with the subject CN kubeadm gives each. */
public enum CaName {
    KUBERNETES_CA("kubernetes-ca", "kubernetes"),
    ETCD_CA("etcd-ca", "etcd-ca"),
    FRONT_PROXY_CA("front-proxy-ca", "front-proxy-ca");

    private final String id;
    private final String commonName;

    CaName(String id, String commonName) {
        this.id = id;
        this.commonName = commonName;
    }

    /** The name in URLs, key ids and files: {@code kubernetes-ca}, {@code etcd-ca}, {@code front-proxy-ca}. */
    public String id() {
        return id;
    }

    public String commonName() {
        return commonName;
    }

    public static Optional<CaName> fromId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }
}
