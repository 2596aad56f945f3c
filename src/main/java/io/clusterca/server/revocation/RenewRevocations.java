package io.clusterca.server.revocation;

import io.clusterca.ca.revocation.ParsedSpec;
import io.clusterca.ca.revocation.RevocationSpecParser;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;

/**
 * The RenewRevocation custom resource as the server meets it, in the data directory or through the
 * Kubernetes informer: its names, and the one step from an object to rules both paths share.
 */
public final class RenewRevocations {
    public static final String GROUP = "clusterca.io";
    public static final String VERSION = "v1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    public static final String KIND = "RenewRevocation";
    public static final String PLURAL = "renewrevocations";

    private RenewRevocations() {}

    public static boolean isRenewRevocation(HasMetadata object) {
        return API_VERSION.equals(object.getApiVersion()) && KIND.equals(object.getKind());
    }

    /** The rules of an object the informer delivered (fabric8 keeps an unregistered kind's spec as a map). */
    public static ParsedSpec parse(GenericKubernetesResource object) {
        Object spec = object.getAdditionalProperties().get("spec");
        String namespace = object.getMetadata() == null ? "" : object.getMetadata().getNamespace();
        String name = object.getMetadata() == null ? "" : object.getMetadata().getName();
        return parse(spec, namespace, name);
    }

    static ParsedSpec parse(Object spec, String namespace, String name) {
        if (spec != null && !(spec instanceof Map)) {
            return new ParsedSpec(List.of(), List.of("spec: must be an object"));
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> map = (Map<String, ?>) spec;
        return RevocationSpecParser.parse(map, namespace, name);
    }

    /** The registry source of a Kubernetes object: {@code kube:<namespace>/<name>}. */
    public static String kubeSourceKey(String namespace, String name) {
        return "kube:" + namespace + "/" + name;
    }
}
