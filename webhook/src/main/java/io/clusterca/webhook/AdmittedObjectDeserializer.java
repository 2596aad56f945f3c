package io.clusterca.webhook;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GroupVersionKind;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.internal.KubernetesDeserializer;
import java.util.Optional;
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

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) {
        Optional<Class<?>> type = p.isExpectedStartObjectToken() ? declaredType(p) : Optional.empty();
        if (type.isEmpty()) {
            return fabric8.deserialize(p, ctxt);
        }
        return ctxt.readValue(p, type.get());
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
