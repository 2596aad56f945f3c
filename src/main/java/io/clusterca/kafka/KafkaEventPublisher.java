package io.clusterca.kafka;

import io.clusterca.ca.events.Event;
import io.clusterca.ca.events.EventJson;
import io.clusterca.ca.events.EventSink;
import io.clusterca.kafka.outbox.Outbox;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Events to Kafka topic {@code <prefix>events} through the durable outbox: {@link #publish} appends
 * the event ({@link EventJson}, key = {@link Event#key()}) to the local outbox and wakes the relay;
 * it never waits for Kafka. Delivery is at least once, in publish order; consumers de-duplicate on
 * the event {@code id}.
 *
 * <p>Called on a worker or plain thread, {@code publish} returns once the event is fsynced in the
 * outbox. Called on a Vert.x event loop, it must not touch the disk there: the append moves to a
 * worker (in order, per event loop) and {@code publish} returns at once (the event is durable a
 * moment later).
 */
public final class KafkaEventPublisher implements EventSink {
    private static final Logger LOG = Logger.getLogger(KafkaEventPublisher.class.getName());

    private final Vertx vertx;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final AtomicLong appendFailures = new AtomicLong();

    KafkaEventPublisher(Vertx vertx, Outbox outbox, OutboxRelay relay) {
        this.vertx = vertx;
        this.outbox = outbox;
        this.relay = relay;
    }

    @Override
    public void publish(Event event) {
        if (Context.isOnEventLoopThread()) {
            // Ordered: events published from one event loop reach the outbox in the order they happened.
            vertx.executeBlocking(() -> {
                append(event);
                return null;
            });
        } else {
            append(event);
        }
    }

    /** Events appended and not yet delivered (for {@code /readyz?verbose}). */
    public long backlog() {
        return outbox.pendingCount();
    }

    /** Delivery counters; {@link DeliveryStats#failed()} counts Kafka failures, {@link #appendFailures()} local ones. */
    public DeliveryStats stats() {
        return relay.stats();
    }

    /** Events lost because the outbox could not write them (disk full or failing). */
    public long appendFailures() {
        return appendFailures.get();
    }

    void relayStart() {
        relay.start();
    }

    private void append(Event event) {
        try {
            outbox.append(event.key(), EventJson.encode(event));
        } catch (RuntimeException e) {
            // An audit event must not fail the issuance that caused it; count it and say so loudly.
            appendFailures.incrementAndGet();
            LOG.log(Level.SEVERE, "cannot keep event " + event.id() + " (" + event.type().wireName()
                    + ") for Kafka in " + outbox.directory(), e);
            return;
        }
        relay.wake();
    }
}
