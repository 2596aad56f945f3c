package io.clusterca.kafka;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The outcome of sending one batch: each record is acknowledged by Kafka or failed, from whichever
 * thread Kafka calls back on. {@link #settled()} completes on the relay's context once every record
 * has an outcome, and tells how long the delivered prefix is.
 */
final class BatchOutcome {
    private static final Object DELIVERED = new Object();

    private final AtomicReferenceArray<Object> outcomes;
    private final AtomicInteger unsettled;
    private final Context context;
    private final Promise<Void> allSettled = Promise.promise();

    BatchOutcome(int size, Context context) {
        this.outcomes = new AtomicReferenceArray<>(size);
        this.unsettled = new AtomicInteger(size);
        this.context = context;
    }

    void delivered(int index) {
        settle(index, DELIVERED);
    }

    void failed(int index, Throwable error) {
        settle(index, error);
    }

    /** Fails every record from {@code from} on that has no outcome yet (they were never handed to Kafka). */
    void failFrom(int from, Throwable error) {
        for (int i = from; i < outcomes.length(); i++) {
            settle(i, error);
        }
    }

    /** Completes, on the context, when every record has an outcome. */
    Future<Void> settled() {
        return allSettled.future();
    }

    /** How many records, from the first, Kafka acknowledged without a gap. Call once settled. */
    int deliveredPrefix() {
        int prefix = 0;
        while (prefix < outcomes.length() && outcomes.get(prefix) == DELIVERED) {
            prefix++;
        }
        return prefix;
    }

    /** Why the first undelivered record failed. Call once settled. */
    Optional<Throwable> firstError() {
        int prefix = deliveredPrefix();
        return prefix == outcomes.length() ? Optional.empty() : Optional.of((Throwable) outcomes.get(prefix));
    }

    private void settle(int index, Object outcome) {
        if (outcomes.compareAndSet(index, null, outcome) && unsettled.decrementAndGet() == 0) {
            context.runOnContext(v -> allSettled.complete());
        }
    }
}
