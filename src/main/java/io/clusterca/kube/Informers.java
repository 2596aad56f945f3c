package io.clusterca.kube;

import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Starts informers without blocking and without giving up. fabric8's {@code inform()} waits for the initial
 * list, which would stall the thread that renews the leader lease, and fails for good on an error there (a
 * missing CRD, RBAC not yet applied, the API server restarting). Here the initial list and the watch are
 * retried with fabric8's backoff, each failure logged, and readiness reports the informer as not synced.
 */
final class Informers {
    private static final Logger LOG = Logger.getLogger(Informers.class.getName());

    private Informers() {}

    static <T> SharedIndexInformer<T> start(String controller, Informable<T> source, ResourceEventHandler<? super T> handler,
                                            Duration resync) {
        return start(controller, source.runnableInformer(resync.toMillis()), handler);
    }

    /** The handler of an informer that mirrors objects: add and update are the same upsert; delete removes. */
    static <T> ResourceEventHandler<T> upsertOrRemove(Consumer<T> upsert, Consumer<T> remove) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                upsert.accept(obj);
            }

            @Override
            public void onUpdate(T old, T obj) {
                upsert.accept(obj);
            }

            @Override
            public void onDelete(T obj, boolean finalStateUnknown) {
                remove.accept(obj);
            }
        };
    }

    /** Starts {@code informer}, configured by the caller but not yet started. */
    static <T> SharedIndexInformer<T> start(String controller, SharedIndexInformer<T> informer,
                                            ResourceEventHandler<? super T> handler) {
        informer.addEventHandler(handler);
        informer.exceptionHandler((started, error) -> {
            LOG.warning(() -> controller + ": " + (started ? "watch" : "initial list") + " failed, retrying: "
                    + error.getMessage());
            return true;
        });
        informer.start();
        return informer;
    }
}
