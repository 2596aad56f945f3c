package io.clusterca.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Feeds {@code clusterca.io/v1} RenewRevocation objects to the revocation registry (every replica: each one
 * enforces revocation on the renewals it serves). Objects are read generically, so the informer does not depend
 * on a Java model of the CRD: the {@code spec} map goes to the {@link RevocationSink}, which parses it. The key is
 * {@code namespace/name} ({@code name} for a cluster-scoped definition).
 */
public final class RenewRevocationInformer implements Controller {
    private static final Logger LOG = Logger.getLogger(RenewRevocationInformer.class.getName());

    /** The RenewRevocation resource, namespaced. */
    public static final ResourceDefinitionContext RESOURCE = new ResourceDefinitionContext.Builder()
            .withGroup("clusterca.io").withVersion("v1").withPlural("renewrevocations").withKind("RenewRevocation")
            .withNamespaced(true).build();

    private final KubernetesClient client;
    private final ResourceDefinitionContext resource;
    private final RevocationSink sink;
    private final Duration resync;
    private volatile SharedIndexInformer<GenericKubernetesResource> informer;

    public RenewRevocationInformer(KubernetesClient client, ResourceDefinitionContext resource, RevocationSink sink,
                                   Duration resync) {
        this.client = client;
        this.resource = resource;
        this.sink = sink;
        this.resync = resync;
    }

    @Override
    public String name() {
        return "renew-revocations";
    }

    @Override
    public synchronized void start() {
        if (informer != null) {
            return;
        }
        ResourceEventHandler<GenericKubernetesResource> handler = Informers.upsertOrRemove(this::replace,
                obj -> guarded(obj, () -> sink.removeSource(key(obj))));
        informer = resource.isNamespaceScoped()
                ? Informers.start(name(), client.genericKubernetesResources(resource).inAnyNamespace(), handler, resync)
                : Informers.start(name(), client.genericKubernetesResources(resource), handler, resync);
    }

    @Override
    public synchronized void stop() {
        if (informer != null) {
            informer.stop();
            informer = null;
        }
    }

    @Override
    public boolean synced() {
        SharedIndexInformer<GenericKubernetesResource> i = informer;
        return i != null && i.hasSynced();
    }

    private void replace(GenericKubernetesResource obj) {
        guarded(obj, () -> sink.replaceSource(key(obj), spec(obj)));
    }

    /** A sink that throws must not stop the informer from delivering the next objects. */
    private static void guarded(GenericKubernetesResource obj, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "RenewRevocation " + key(obj) + ": " + e.getMessage(), e);
        }
    }

    static String key(GenericKubernetesResource obj) {
        String namespace = obj.getMetadata().getNamespace();
        String name = obj.getMetadata().getName();
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(GenericKubernetesResource obj) {
        Object spec = obj.getAdditionalProperties().get("spec");
        if (spec instanceof Map<?, ?> map) {
            return Collections.unmodifiableMap(new LinkedHashMap<>((Map<String, Object>) map));
        }
        return Map.of();
    }
}
