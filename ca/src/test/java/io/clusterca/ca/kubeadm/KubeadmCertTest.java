package io.clusterca.ca.kubeadm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterca.ca.authority.CaName;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The leaf table of kubeadm's certlist.go and constants.go. */
class KubeadmCertTest {

    @ParameterizedTest
    @CsvSource({
            "apiserver, apiserver, kubernetes-ca",
            "apiserver-kubelet-client, apiserver-kubelet-client, kubernetes-ca",
            "front-proxy-client, front-proxy-client, front-proxy-ca",
            "etcd-server, etcd/server, etcd-ca",
            "etcd-peer, etcd/peer, etcd-ca",
            "etcd-healthcheck-client, etcd/healthcheck-client, etcd-ca",
            "apiserver-etcd-client, apiserver-etcd-client, etcd-ca"})
    void namesFilesAndIssuersAreKubeadms(String name, String baseName, String ca) {
        KubeadmCert cert = KubeadmCert.fromName(name).orElseThrow();
        assertEquals(baseName, cert.baseName());
        assertEquals(CaName.fromId(ca).orElseThrow(), cert.ca());
    }

    @Test
    void renewAllOrderIsKubeadmsSortedByName() {
        assertEquals(List.of("apiserver", "apiserver-etcd-client", "apiserver-kubelet-client", "etcd-healthcheck-client",
                "etcd-peer", "etcd-server", "front-proxy-client"), KubeadmPki.certificateNames());
    }

    @Test
    void caFilesAreWhereKubeadmKeepsThem() {
        assertEquals(List.of("ca", "front-proxy-ca", "etcd/ca"),
                List.of(KubeadmCa.values()).stream().map(KubeadmCa::baseName).toList());
    }
}
