package io.clusterca.kube;

import io.clusterca.server.Metrics;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Keeps the cluster CA in {@code clientConfig.caBundle} of every webhook of the ValidatingWebhookConfiguration
 * named by the settings (default {@value #DEFAULT_NAME}; leader only), so kube-apiserver trusts our serving
 * certificate. An informer on that one object re-applies the bundle whenever it drifts (an edit, a
 * {@code kubectl apply} of the manifest without caBundle, a re-creation). Updates carry the resourceVersion read.
 */
public final class WebhookCaBundleInjector implements Controller {
    private static final Logger LOG = Logger.getLogger(WebhookCaBundleInjector.class.getName());
    public static final String DEFAULT_NAME = "clusterca";

    private final KubernetesClient client;
    private final String configurationName;
    private final WebhookCaBundle bundle;
    private final Metrics metrics;
    private final Duration resync;
    private volatile SharedIndexInformer<ValidatingWebhookConfiguration> informer;
    private volatile ReconcileQueue queue;

    public WebhookCaBundleInjector(KubernetesClient client, String configurationName, WebhookCaBundle bundle,
                                   Metrics metrics, Duration resync) {
        this.client = client;
        this.configurationName = configurationName;
        this.bundle = bundle;
        this.metrics = metrics;
        this.resync = resync;
    }

    @Override
    public String name() {
        return "webhook-ca-bundle";
    }

    @Override
    public synchronized void start() {
        if (queue != null) {
            return;
        }
        ReconcileQueue q = new ReconcileQueue(name(), key -> reconcile(), metrics);
        queue = q;
        informer = Informers.start(name(), client.admissionRegistration().v1().validatingWebhookConfigurations()
                .withName(configurationName), new EnqueueOnEvent<>(c -> q.enqueue(configurationName)), resync);
    }

    @Override
    public synchronized void stop() {
        if (informer != null) {
            informer.stop();
            informer = null;
        }
        if (queue != null) {
            queue.close();
            queue = null;
        }
    }

    @Override
    public boolean synced() {
        SharedIndexInformer<ValidatingWebhookConfiguration> i = informer;
        return i != null && i.hasSynced();
    }

    void reconcile() {
        ValidatingWebhookConfiguration current = client.admissionRegistration().v1().validatingWebhookConfigurations()
                .withName(configurationName).get();
        if (current == null) {
            return; // created later: the informer's add event brings us back
        }
        Optional<ValidatingWebhookConfiguration> injected = bundle.inject(current);
        if (injected.isPresent()) {
            client.admissionRegistration().v1().validatingWebhookConfigurations().resource(injected.get()).update();
            metrics.inc("clusterca_webhook_ca_bundle_writes_total", "caBundle injections into the webhook configuration");
            LOG.info(() -> "ValidatingWebhookConfiguration " + configurationName + ": caBundle set");
        }
    }
}
