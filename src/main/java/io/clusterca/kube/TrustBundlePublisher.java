package io.clusterca.kube;

import io.clusterca.server.Metrics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Keeps ConfigMap {@value TrustBundle#CONFIG_MAP_NAME} right in every namespace labelled
 * {@code <label>=true} (default {@value #DEFAULT_LABEL}; leader only). Two informers feed one queue keyed by
 * namespace: labelled namespaces (a new or newly labelled namespace gets the bundle) and the ConfigMaps of that
 * name (an edit or deletion is repaired). A reconcile reads the live namespace and ConfigMap, not the caches, so
 * it never acts on a stale view; writes carry the resourceVersion read. When the label goes away, our ConfigMap
 * (label {@code app.kubernetes.io/managed-by=clusterca}) is deleted; a ConfigMap of that name someone else
 * created in an unlabelled namespace is left alone.
 */
public final class TrustBundlePublisher implements Controller {
    private static final Logger LOG = Logger.getLogger(TrustBundlePublisher.class.getName());
    public static final String DEFAULT_LABEL = "clusterca.io/ca-bundle";

    private final KubernetesClient client;
    private final TrustBundle bundle;
    private final String label;
    private final Metrics metrics;
    private final Duration resync;
    private volatile SharedIndexInformer<Namespace> namespaces;
    private volatile SharedIndexInformer<ConfigMap> configMaps;
    private volatile ReconcileQueue queue;

    public TrustBundlePublisher(KubernetesClient client, TrustBundle bundle, String label, Metrics metrics, Duration resync) {
        this.client = client;
        this.bundle = bundle;
        this.label = label;
        this.metrics = metrics;
        this.resync = resync;
    }

    @Override
    public String name() {
        return "trust-bundle";
    }

    @Override
    public synchronized void start() {
        if (queue != null) {
            return;
        }
        ReconcileQueue q = new ReconcileQueue(name(), this::reconcile, metrics);
        queue = q;
        namespaces = Informers.start(name(), client.namespaces().withLabel(label, "true"),
                new EnqueueOnEvent<>(ns -> q.enqueue(ns.getMetadata().getName())), resync);
        configMaps = Informers.start(name(), client.configMaps().inAnyNamespace()
                        .withField("metadata.name", TrustBundle.CONFIG_MAP_NAME),
                new EnqueueOnEvent<>(cm -> q.enqueue(cm.getMetadata().getNamespace())), resync);
    }

    @Override
    public synchronized void stop() {
        if (namespaces != null) {
            namespaces.stop();
            namespaces = null;
        }
        if (configMaps != null) {
            configMaps.stop();
            configMaps = null;
        }
        if (queue != null) {
            queue.close();
            queue = null;
        }
    }

    @Override
    public boolean synced() {
        SharedIndexInformer<Namespace> n = namespaces;
        SharedIndexInformer<ConfigMap> c = configMaps;
        return n != null && c != null && n.hasSynced() && c.hasSynced();
    }

    void reconcile(String namespace) {
        Namespace ns = client.namespaces().withName(namespace).get();
        Optional<ConfigMap> current = Optional.ofNullable(
                client.configMaps().inNamespace(namespace).withName(TrustBundle.CONFIG_MAP_NAME).get());
        if (!wantsBundle(ns)) {
            current.filter(TrustBundle::managedByUs).ifPresent(cm -> {
                client.configMaps().inNamespace(namespace).withName(TrustBundle.CONFIG_MAP_NAME).delete();
                LOG.info(() -> "namespace " + namespace + " no longer labelled " + label + "=true: trust bundle removed");
            });
            return;
        }
        Optional<ConfigMap> repair = bundle.repair(namespace, current);
        if (repair.isEmpty()) {
            return;
        }
        if (current.isEmpty()) {
            client.configMaps().inNamespace(namespace).resource(repair.get()).create();
        } else {
            client.configMaps().inNamespace(namespace).resource(repair.get()).update();
        }
        metrics.inc("clusterca_trust_bundle_writes_total", "Trust bundle ConfigMaps created or restored");
        LOG.info(() -> "namespace " + namespace + ": trust bundle " + (current.isEmpty() ? "created" : "restored"));
    }

    /** Labelled and not terminating (the API server refuses creations in a terminating namespace). */
    private boolean wantsBundle(Namespace ns) {
        return ns != null
                && ns.getMetadata().getLabels() != null
                && "true".equals(ns.getMetadata().getLabels().get(label))
                && ns.getMetadata().getDeletionTimestamp() == null;
    }
}
