package io.clusterca.kafka;

/** Kafka did not answer (down, unreachable, slow): a transient condition, retried with backoff. */
public final class KafkaUnavailableException extends RuntimeException {
    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
