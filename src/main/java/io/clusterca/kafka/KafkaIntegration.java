package io.clusterca.kafka;

import io.clusterca.ca.events.EventSink;
import io.clusterca.ca.ledger.Ledger;
import io.clusterca.kafka.outbox.Outbox;
import io.clusterca.kafka.outbox.OutboxSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;

/**
 * ClusterCA on Kafka ({@code serve --kafka-bootstrap}): events to {@code <prefix>events} and the
 * ledger shared through {@code <prefix>ledger}, both through durable outboxes in
 * {@code <data-dir>/outbox/{events,ledger}} with one idempotent producer ({@code acks=all}).
 *
 * <p>{@link #start} returns at once with a working {@link #events()} and {@link #ledger()}: neither
 * ever waits for Kafka. In the background it makes sure the topics exist (retrying while Kafka is
 * unreachable; a missing ACL is reported in {@link KafkaStatus#topicError()} and the log, and retried
 * too, in case an operator fixes it), then delivers the outbox backlogs and starts reading the ledger.
 */
public final class KafkaIntegration {
    private static final Logger LOG = Logger.getLogger(KafkaIntegration.class.getName());
    private static final Backoff TOPIC_RETRY = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));
    private static final Duration PRODUCER_CLOSE = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final KafkaSettings settings;
    private final KafkaProducer<String, String> producer;
    private final Outbox eventsOutbox;
    private final Outbox ledgerOutbox;
    private final OutboxRelay eventsRelay;
    private final KafkaEventPublisher events;
    private final KafkaLedgerReplicator replicator;

    private final AtomicReference<String> topicError = new AtomicReference<>("not checked yet");
    private final AtomicReference<Admin> admin = new AtomicReference<>();
    private volatile boolean topicsReady;
    private volatile boolean closed;
    private Future<Void> closing;
    private volatile long topicTimer = -1;
    private int topicFailures;

    private KafkaIntegration(Vertx vertx, KafkaSettings settings, Path dataDir, Ledger localLedger, Backoff backoff, Clock clock) {
        this.vertx = vertx;
        this.settings = settings;
        this.eventsOutbox = Outbox.open(OutboxSettings.defaults(dataDir.resolve("outbox").resolve("events")), clock);
        this.ledgerOutbox = Outbox.open(OutboxSettings.defaults(dataDir.resolve("outbox").resolve("ledger")), clock);
        this.producer = KafkaProducer.create(vertx, settings.producerConfig(), String.class, String.class);
        // Send failures reach the relays through their callbacks; this only catches what Vert.x reports besides.
        this.producer.exceptionHandler(error -> LOG.log(Level.FINE, "Kafka producer: " + error));
        this.eventsRelay = new OutboxRelay(vertx, eventsOutbox, producer, settings.eventsTopic(), backoff, OutboxRelay.DEFAULT_BATCH);
        this.events = new KafkaEventPublisher(vertx, eventsOutbox, eventsRelay);
        this.replicator = new KafkaLedgerReplicator(vertx, settings, localLedger, ledgerOutbox, producer, backoff);
    }

    /**
     * Opens the outboxes (blocking disk I/O: call from {@code main} or a worker, not an event loop)
     * and starts the background work described above.
     *
     * @param localLedger the durable local ledger; {@link #ledger()} wraps it (this class never closes it)
     */
    public static KafkaIntegration start(Vertx vertx, KafkaSettings settings, Path dataDir, Ledger localLedger) {
        return start(vertx, settings, dataDir, localLedger, Backoff.DEFAULT, Clock.systemUTC());
    }

    static KafkaIntegration start(Vertx vertx, KafkaSettings settings, Path dataDir, Ledger localLedger, Backoff backoff, Clock clock) {
        KafkaIntegration integration = new KafkaIntegration(vertx, settings, dataDir, localLedger, backoff, clock);
        integration.ensureTopicsThenDeliver();
        return integration;
    }

    /** The event sink for the CA, the webhook and the key rotations. */
    public KafkaEventPublisher events() {
        return events;
    }

    /** The ledger the CA appends to: the local ledger, replicated. */
    public Ledger ledger() {
        return replicator.ledger();
    }

    public KafkaLedgerReplicator replicator() {
        return replicator;
    }

    public KafkaSettings settings() {
        return settings;
    }

    public KafkaStatus status() {
        return new KafkaStatus(topicsReady, Optional.ofNullable(topicError.get()), events.stats(), replicator.stats());
    }

    /**
     * Stops delivery and reading, closes the producer (sends still in flight after a few seconds are
     * abandoned: their records stay in the outbox for the next start) and the outboxes. Idempotent.
     */
    public synchronized Future<Void> close() {
        if (closing != null) {
            return closing;
        }
        closed = true;
        long timer = topicTimer;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        Admin checking = admin.getAndSet(null);
        if (checking != null) {
            checking.close(Duration.ZERO);
        }
        Future<Void> relaysStopped = Future.join(eventsRelay.stop(), replicator.stopPublishing()).mapEmpty();
        Future<Void> readingStopped = replicator.stopReading();
        // Closing the producer fails sends still waiting for Kafka, which lets the relays' last batch settle.
        closing = producer.close(PRODUCER_CLOSE.toMillis())
                .transform(closedProducer -> Future.join(relaysStopped, readingStopped))
                .transform(stopped -> vertx.<Void>executeBlocking(() -> {
                    eventsOutbox.close();
                    ledgerOutbox.close();
                    return null;
                }));
        return closing;
    }

    private void ensureTopicsThenDeliver() {
        vertx.executeBlocking(() -> {
            Map<String, Object> config = new HashMap<>(settings.adminConfig());
            config.putIfAbsent("default.api.timeout.ms", String.valueOf(KafkaTopics.TIMEOUT.toMillis()));
            Admin client = Admin.create(config);
            admin.set(client);
            try {
                return KafkaTopics.ensure(client, settings);
            } finally {
                if (admin.compareAndSet(client, null)) {
                    client.close(Duration.ofSeconds(5));
                }
            }
        }, false).onComplete(result -> {
            if (closed) {
                return;
            }
            if (result.succeeded()) {
                topicsReady = true;
                topicError.set(null);
                events.relayStart();
                replicator.start();
            } else {
                topicFailures++;
                Throwable cause = result.cause();
                topicError.set(cause.getMessage());
                long delay = TOPIC_RETRY.delay(topicFailures).toMillis();
                Level level = cause instanceof KafkaTopicException ? Level.SEVERE : Level.WARNING;
                if (Long.bitCount(topicFailures) == 1) {
                    LOG.log(level, "Kafka topics not ready (" + cause.getMessage() + "); events and ledger entries are kept in "
                            + "the outbox; retry in " + delay + " ms");
                }
                topicTimer = vertx.setTimer(delay, id -> {
                    topicTimer = -1;
                    ensureTopicsThenDeliver();
                });
            }
        });
    }
}
