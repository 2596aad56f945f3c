package io.clusterca.ca.events;

/**
 * Where events go: the local journal by default, the Kafka outbox when configured. {@link #publish}
 * never blocks on a remote system: a slow or absent Kafka must not hold up issuance or admission.
 */
public interface EventSink {
    void publish(Event event);

    EventSink NONE = event -> { };
}
