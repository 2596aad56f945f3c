package io.clusterca.webhook;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GroupVersionKind;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.internal.KubernetesDeserializer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads {@code request.object} and {@code request.oldObject} in one streaming pass, typed by the
 * {@code request.kind} that kube-apiserver writes before them.
 *
 * <p>fabric8's own {@link KubernetesDeserializer} must find {@code apiVersion}/{@code kind} inside the object,
 * so it reads the whole object into a JSON tree and then converts the tree: two passes, and per call a type
 * lookup, which together were more than half of a review's CPU cost. The request's GroupVersionKind names the
 * same type up front (the object is sent in that version). When it is not known yet (another field order, a
 * kind fabric8 does not model), fabric8's deserializer does the work as before. {@link AdmissionCodec} checks
 * afterwards that the object's own apiVersion/kind agree with {@code request.kind}.
 */
final class AdmittedObjectDeserializer extends ValueDeserializer<Object> {
    private final KubernetesDeserializer fabric8 = new KubernetesDeserializer();
    /**
     * One entry per admitted kind. Jackson builds an instance of this class for each mapper it serves, so what
     * that mapper's context finds can be kept: {@code ctxt.readValue(p, type)} looks the type up again on every
     * call and re-reads its class annotations (for polymorphic typing), about a tenth of a decode in a profile.
     */
    private final Map<Class<?>, ValueDeserializer<Object>> byType = new ConcurrentHashMap<>();

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) {
        Optional<Class<?>> type = p.isExpectedStartObjectToken() ? declaredType(p) : Optional.empty();
        if (type.isEmpty()) {
            return fabric8.deserialize(p, ctxt);
        }
        return byType.computeIfAbsent(type.get(), t -> ctxt.findRootValueDeserializer(ctxt.constructType(t)))
                .deserialize(p, ctxt);
    }

    private Optional<Class<?>> declaredType(JsonParser p) {
        TokenStreamContext objectContext = p.streamReadContext();
        TokenStreamContext requestContext = objectContext == null ? null : objectContext.getParent();
        if (requestContext == null || !(requestContext.currentValue() instanceof AdmissionRequest request)) {
            return Optional.empty();
        }
        GroupVersionKind gvk = request.getKind();
        if (gvk == null || gvk.getKind() == null || gvk.getVersion() == null) {
            return Optional.empty();
        }
        Class<?> registered = fabric8.getRegisteredKind(AdmissionCodec.apiVersion(gvk), gvk.getKind());
        return registered == null || registered == GenericKubernetesResource.class ? Optional.empty() : Optional.of(registered);
    }
}
