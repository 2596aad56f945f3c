package io.clusterca.kafka;

import io.clusterca.kafka.outbox.Outbox;
import io.clusterca.kafka.outbox.OutboxRecord;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Moves records from an {@link Outbox} to a Kafka topic, in order, one batch at a time: read the
 * pending batch (on a worker), hand every record to the idempotent producer (on a worker), wait until
 * Kafka has acknowledged or failed each, acknowledge the delivered prefix in the outbox (on a
 * worker), repeat while records remain. After a failure, and a backoff, the undelivered rest is read
 * and sent again: delivery is at least once (the idempotent producer already removes the duplicates
 * of its own internal retries; ours can only come from a batch that failed part-way).
 *
 * <p>All state lives on one Vert.x context; {@link #wake()} may be called from any thread.
 */
final class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
    static final int DEFAULT_BATCH = 1000;

    private final Vertx vertx;
    private final Context context;
    private final Outbox outbox;
    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final Backoff backoff;
    private final int batchSize;

    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    // Only touched on the context.
    private boolean running;
    private boolean inFlight;
    private long backoffTimer = -1;
    private int consecutiveFailures;
    private Promise<Void> stopped;

    OutboxRelay(Vertx vertx, Outbox outbox, KafkaProducer<String, String> producer, String topic, Backoff backoff, int batchSize) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.outbox = outbox;
        this.producer = producer;
        this.topic = topic;
        this.backoff = backoff;
        this.batchSize = batchSize;
    }

    /** Starts delivering, beginning with whatever backlog the outbox holds. */
    void start() {
        context.runOnContext(v -> {
            running = true;
            pump();
        });
    }

    /** Something was appended: deliver it soon. Cheap; coalesces many wake-ups into one. */
    void wake() {
        if (wakeRequested.compareAndSet(false, true)) {
            context.runOnContext(v -> pump());
        }
    }

    /** Stops after the batch in flight (if any) has settled; undelivered records stay in the outbox. */
    Future<Void> stop() {
        Promise<Void> promise = Promise.promise();
        context.runOnContext(v -> {
            running = false;
            if (backoffTimer >= 0) {
                vertx.cancelTimer(backoffTimer);
                backoffTimer = -1;
            }
            if (inFlight) {
                stopped = promise;
            } else {
                promise.complete();
            }
        });
        return promise.future();
    }

    DeliveryStats stats() {
        return new DeliveryStats(topic, sent.get(), failed.get(), outbox.stats(), Optional.ofNullable(lastError.get()));
    }

    private void pump() {
        if (!running || inFlight || backoffTimer >= 0) {
            return; // a batch in flight re-checks wakeRequested when it settles; a backoff timer pumps when it fires
        }
        wakeRequested.set(false);
        inFlight = true;
        context.executeBlocking(() -> outbox.pending(batchSize))
                .compose(batch -> batch.isEmpty() ? Future.succeededFuture(0) : deliver(batch))
                .onComplete(result -> {
                    inFlight = false;
                    if (stopped != null) {
                        stopped.complete();
                        stopped = null;
                        return;
                    }
                    if (result.succeeded()) {
                        if (consecutiveFailures > 0) {
                            LOG.info(() -> "Kafka delivery to " + topic + " recovered after " + consecutiveFailures + " failed attempt(s)");
                        }
                        consecutiveFailures = 0;
                        lastError.set(null);
                        if (result.result() > 0 || wakeRequested.get()) {
                            pump();
                        }
                    } else {
                        retryLater(result.cause());
                    }
                });
    }

    /** Sends the batch; resolves to its size when all of it is acknowledged in the outbox. */
    private Future<Integer> deliver(List<OutboxRecord> batch) {
        BatchOutcome outcome = new BatchOutcome(batch.size(), context);
        // One worker task hands the whole batch to the producer, in order, and stops at the first record
        // it refuses. Producer.send blocks while the topic's metadata is unknown (Kafka down: clients 4.x
        // re-bootstrap and forget it) for up to max.block.ms; through KafkaProducer#send each record would
        // wait that long in turn on the producer's single worker, holding up the other relay and close().
        context.executeBlocking(() -> {
            Producer<String, String> raw = producer.unwrap();
            for (int i = 0; i < batch.size(); i++) {
                OutboxRecord record = batch.get(i);
                int index = i;
                try {
                    raw.send(new ProducerRecord<>(topic, null, record.appendedAt().toEpochMilli(), record.key().orElse(null),
                            record.value()), (metadata, error) -> {
                                if (error == null) {
                                    outcome.delivered(index);
                                } else {
                                    outcome.failed(index, error);
                                }
                            });
                } catch (RuntimeException refused) {
                    outcome.failFrom(index, refused);
                    break;
                }
            }
            return null;
        }).onFailure(error -> outcome.failFrom(0, error));
        // Wait until every send settled, so that a retry never overlaps sends still in flight.
        return outcome.settled().compose(settled -> {
            int delivered = outcome.deliveredPrefix();
            Future<Void> acknowledged = delivered == 0 ? Future.succeededFuture()
                    : context.executeBlocking(() -> {
                        outbox.acknowledge(batch.get(delivered - 1).sequence());
                        return null;
                    });
            return acknowledged.compose(v -> {
                sent.addAndGet(delivered);
                if (delivered == batch.size()) {
                    return Future.succeededFuture(delivered);
                }
                failed.addAndGet(batch.size() - delivered);
                return Future.failedFuture(outcome.firstError().orElseThrow());
            });
        });
    }

    private void retryLater(Throwable cause) {
        consecutiveFailures++;
        String message = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        lastError.set(message);
        long delay = backoff.delay(consecutiveFailures).toMillis();
        Level level = consecutiveFailures == 1 || Long.bitCount(consecutiveFailures) == 1 ? Level.WARNING : Level.FINE;
        LOG.log(level, () -> "Kafka delivery to " + topic + " failed (" + message + "); " + outbox.pendingCount()
                + " record(s) kept in the outbox, retry in " + delay + " ms");
        backoffTimer = vertx.setTimer(delay, id -> {
            backoffTimer = -1;
            pump();
        });
    }
}
