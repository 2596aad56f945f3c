package io.clusterca.kube;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.function.Consumer;

/** An informer handler that only queues work: adds, updates and deletions all mean "look at this again". */
final class EnqueueOnEvent<T> implements ResourceEventHandler<T> {
    private final Consumer<T> enqueue;

    EnqueueOnEvent(Consumer<T> enqueue) {
        this.enqueue = enqueue;
    }

    @Override
    public void onAdd(T obj) {
        enqueue.accept(obj);
    }

    @Override
    public void onUpdate(T old, T obj) {
        enqueue.accept(obj);
    }

    @Override
    public void onDelete(T obj, boolean finalStateUnknown) {
        enqueue.accept(obj);
    }
}
