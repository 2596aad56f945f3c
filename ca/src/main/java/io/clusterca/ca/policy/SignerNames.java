package io.clusterca.ca.policy;

/** The signer names ClusterCA serves: Kubernetes' own (certificates.k8s.io/v1) and ours for kubeadm's other leaves. */
public final class SignerNames {
    public static final String KUBELET_CLIENT = "kubernetes.io/kube-apiserver-client-kubelet";
    public static final String KUBELET_SERVING = "kubernetes.io/kubelet-serving";
    public static final String KUBE_APISERVER_CLIENT = "kubernetes.io/kube-apiserver-client";
    public static final String ETCD_SERVER = "clusterca.io/etcd-server";
    public static final String ETCD_PEER = "clusterca.io/etcd-peer";
    public static final String ETCD_CLIENT = "clusterca.io/etcd-client";
    public static final String FRONT_PROXY_CLIENT = "clusterca.io/front-proxy-client";

    private SignerNames() {}
}
