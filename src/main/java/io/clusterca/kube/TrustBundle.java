package io.clusterca.kube;

import io.clusterca.ca.authority.CaHierarchy;
import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.crypto.Pem;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The CA certificates published to workloads as ConfigMap {@value #CONFIG_MAP_NAME}, in the spirit of
 * kube-root-ca.crt: {@code ca.crt} is the cluster CA (so code written for kube-root-ca.crt works unchanged),
 * then each root under its own key and {@code bundle.pem} with all three. Pure.
 */
public record TrustBundle(String kubernetesCa, String etcdCa, String frontProxyCa) {
    public static final String CONFIG_MAP_NAME = "clusterca-ca-bundle";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "clusterca";

    public static TrustBundle of(CaHierarchy cas) {
        return new TrustBundle(pem(cas, CaName.KUBERNETES_CA), pem(cas, CaName.ETCD_CA), pem(cas, CaName.FRONT_PROXY_CA));
    }

    private static String pem(CaHierarchy cas, CaName name) {
        return Pem.encode(cas.get(name).certificate());
    }

    public Map<String, String> data() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("ca.crt", kubernetesCa);
        data.put("kubernetes-ca.crt", kubernetesCa);
        data.put("etcd-ca.crt", etcdCa);
        data.put("front-proxy-ca.crt", frontProxyCa);
        data.put("bundle.pem", kubernetesCa + etcdCa + frontProxyCa);
        return data;
    }

    /**
     * The ConfigMap to write to {@code namespace} given what is there now, or empty when it is already right.
     * Data is replaced whole (an added, edited or removed key is restored); labels and annotations others
     * set are kept. A result without resourceVersion is a create, one with it an update of that version.
     */
    public Optional<ConfigMap> repair(String namespace, Optional<ConfigMap> current) {
        Map<String, String> data = data();
        if (current.isEmpty()) {
            return Optional.of(new ConfigMapBuilder()
                    .withNewMetadata().withName(CONFIG_MAP_NAME).withNamespace(namespace)
                    .addToLabels(MANAGED_BY_LABEL, MANAGED_BY).endMetadata()
                    .withData(data).build());
        }
        ConfigMap cm = current.get();
        ObjectMeta meta = cm.getMetadata();
        boolean labelled = meta.getLabels() != null && MANAGED_BY.equals(meta.getLabels().get(MANAGED_BY_LABEL));
        boolean binaryEmpty = cm.getBinaryData() == null || cm.getBinaryData().isEmpty();
        if (labelled && binaryEmpty && Objects.equals(cm.getData(), data)) {
            return Optional.empty();
        }
        return Optional.of(new ConfigMapBuilder(cm)
                .editMetadata().addToLabels(MANAGED_BY_LABEL, MANAGED_BY).endMetadata()
                .withData(data).withBinaryData(null).build());
    }

    /** Whether {@code cm} is ours to delete when its namespace is no longer labelled. */
    public static boolean managedByUs(ConfigMap cm) {
        return cm.getMetadata().getLabels() != null && MANAGED_BY.equals(cm.getMetadata().getLabels().get(MANAGED_BY_LABEL));
    }
}
