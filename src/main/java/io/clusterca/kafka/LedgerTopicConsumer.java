package io.clusterca.kafka;

import io.clusterca.ca.ledger.Ledger;
import io.clusterca.ca.ledger.LedgerEntry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.common.errors.FencedInstanceIdException;

/**
 * Reads the compacted ledger topic into the local ledger: poll, {@link Ledger#merge} the batch on a
 * worker (merging is an fsync), commit the offsets, poll again. Offsets are committed only after the
 * merge, so a crash re-reads (merge is idempotent) rather than skips. Records that do not decode are
 * counted and skipped: one bad record must not stop replication.
 */
final class LedgerTopicConsumer {
    private static final Logger LOG = Logger.getLogger(LedgerTopicConsumer.class.getName());
    private static final Duration POLL = Duration.ofMillis(500);

    private final Vertx vertx;
    private final Context context;
    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final Ledger ledger;
    private final Backoff backoff;
    private final AtomicLong merged = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    // Only touched on the context.
    private boolean running;
    private boolean inFlight;
    /** A polled batch whose merge failed: merged again before polling on, or its records would be skipped. */
    private KafkaConsumerRecords<String, String> unmerged;
    private int consecutiveFailures;
    private long retryTimer = -1;
    private Promise<Void> stopped;

    LedgerTopicConsumer(Vertx vertx, KafkaSettings settings, Ledger ledger, Backoff backoff) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.topic = settings.ledgerTopic();
        this.ledger = ledger;
        this.backoff = backoff;
        this.consumer = KafkaConsumer.create(vertx, settings.consumerConfig(), String.class, String.class);
    }

    void start() {
        context.runOnContext(v -> {
            running = true;
            inFlight = true;
            consumer.subscribe(topic).onComplete(subscribed -> {
                inFlight = false;
                if (subscribed.succeeded()) {
                    poll();
                } else {
                    LOG.log(Level.SEVERE, "cannot subscribe to " + topic, subscribed.cause());
                    lastError.set(subscribed.cause().toString());
                    finishStop();
                }
            });
        });
    }

    Future<Void> stop() {
        Promise<Void> promise = Promise.promise();
        context.runOnContext(v -> {
            running = false;
            if (retryTimer >= 0) {
                vertx.cancelTimer(retryTimer);
                retryTimer = -1;
            }
            if (inFlight) {
                stopped = promise;
            } else {
                promise.complete();
            }
        });
        return promise.future().transform(ignored -> consumer.close());
    }

    long merged() {
        return merged.get();
    }

    long rejected() {
        return rejected.get();
    }

    Optional<String> lastError() {
        return Optional.ofNullable(lastError.get());
    }

    private void poll() {
        if (!running) {
            finishStop();
            return;
        }
        inFlight = true;
        Future<KafkaConsumerRecords<String, String>> next = unmerged != null ? Future.succeededFuture(unmerged) : consumer.poll(POLL);
        next.compose(records -> {
            if (records.isEmpty()) {
                return Future.<Void>succeededFuture();
            }
            unmerged = records;
            return context.<Void>executeBlocking(() -> {
                mergeAll(records);
                return null;
            }).compose(v -> {
                unmerged = null;
                return consumer.commit();
            });
        }).onComplete(result -> {
            inFlight = false;
            if (!running) {
                finishStop();
            } else if (result.succeeded()) {
                consecutiveFailures = 0;
                lastError.set(null);
                poll();
            } else {
                retryLater(result.cause());
            }
        });
    }

    private void mergeAll(KafkaConsumerRecords<String, String> records) {
        for (int i = 0; i < records.size(); i++) {
            KafkaConsumerRecord<String, String> record = records.recordAt(i);
            if (record.value() == null) {
                continue; // a tombstone: nothing to learn (ClusterCA never writes one)
            }
            LedgerEntry entry;
            try {
                entry = LedgerEntryJson.decode(record.value());
                if (!entry.serial().equals(record.key())) {
                    throw new IllegalArgumentException("record key " + record.key() + " is not the entry's serial " + entry.serial());
                }
            } catch (IllegalArgumentException e) {
                rejected.incrementAndGet();
                LOG.warning(() -> "skipping ledger record " + topic + "-" + record.partition() + "@" + record.offset()
                        + ": " + e.getMessage());
                continue;
            }
            ledger.merge(entry);
            merged.incrementAndGet();
        }
    }

    private void retryLater(Throwable cause) {
        consecutiveFailures++;
        lastError.set(cause.toString());
        if (cause instanceof FencedInstanceIdException) {
            LOG.severe(() -> "another process reads " + topic + " with this replica's id (group.instance.id); "
                    + "give every replica its own id: " + cause.getMessage());
        }
        long delay = backoff.delay(consecutiveFailures).toMillis();
        if (Long.bitCount(consecutiveFailures) == 1) {
            LOG.warning(() -> "reading " + topic + " failed (" + cause + "); retry in " + delay + " ms");
        }
        retryTimer = vertx.setTimer(delay, id -> {
            retryTimer = -1;
            poll();
        });
    }

    private void finishStop() {
        if (stopped != null) {
            stopped.complete();
            stopped = null;
        }
    }
}
