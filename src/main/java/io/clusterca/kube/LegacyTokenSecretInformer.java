package io.clusterca.kube;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Tells the webhook which Secrets are legacy service-account tokens (type {@value #TOKEN_TYPE}), on every
 * replica. The list/watch asks the API server for that type only (field selector); the type is checked again
 * here because not every server honours the selector. The informer's cache keeps names only, never the token
 * data: nothing here needs it, and a cache of every token in the cluster is worth not having.
 */
public final class LegacyTokenSecretInformer implements Controller {
    public static final String TOKEN_TYPE = "kubernetes.io/service-account-token";

    private final KubernetesClient client;
    private final LegacyTokenSink sink;
    private final Duration resync;
    private volatile SharedIndexInformer<Secret> informer;

    public LegacyTokenSecretInformer(KubernetesClient client, LegacyTokenSink sink, Duration resync) {
        this.client = client;
        this.sink = sink;
        this.resync = resync;
    }

    @Override
    public String name() {
        return "legacy-token-secrets";
    }

    @Override
    public synchronized void start() {
        if (informer != null) {
            return;
        }
        SharedIndexInformer<Secret> i = client.secrets().inAnyNamespace().withField("type", TOKEN_TYPE)
                .runnableInformer(resync.toMillis());
        i.itemStore(new NamesOnlyStore());
        informer = Informers.start(name(), i, Informers.upsertOrRemove(this::apply,
                secret -> sink.remove(secret.getMetadata().getNamespace(), secret.getMetadata().getName())));
    }

    private void apply(Secret secret) {
        String namespace = secret.getMetadata().getNamespace();
        String name = secret.getMetadata().getName();
        if (isLegacyToken(secret)) {
            sink.put(namespace, name);
        } else {
            sink.remove(namespace, name);
        }
    }

    static boolean isLegacyToken(Secret secret) {
        return TOKEN_TYPE.equals(secret.getType());
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
        SharedIndexInformer<Secret> i = informer;
        return i != null && i.hasSynced();
    }

    /** The informer's store, keeping namespace, name, type and resourceVersion of each Secret, no data. */
    static final class NamesOnlyStore implements ItemStore<Secret> {
        private final BasicItemStore<Secret> store = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);

        @Override
        public String getKey(Secret secret) {
            return store.getKey(secret);
        }

        @Override
        public Secret put(String key, Secret secret) {
            return store.put(key, namesOnly(secret));
        }

        @Override
        public Secret remove(String key) {
            return store.remove(key);
        }

        @Override
        public Stream<String> keySet() {
            return store.keySet();
        }

        @Override
        public Stream<Secret> values() {
            return store.values();
        }

        @Override
        public int size() {
            return store.size();
        }

        @Override
        public Secret get(String key) {
            return store.get(key);
        }

        static Secret namesOnly(Secret secret) {
            return new SecretBuilder()
                    .withMetadata(new ObjectMetaBuilder()
                            .withNamespace(secret.getMetadata().getNamespace())
                            .withName(secret.getMetadata().getName())
                            .withUid(secret.getMetadata().getUid())
                            .withResourceVersion(secret.getMetadata().getResourceVersion())
                            .build())
                    .withType(secret.getType())
                    .build();
        }
    }
}
