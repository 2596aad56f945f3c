package io.clusterca.kafka;

/** A topic ClusterCA needs is missing, misconfigured, or may not be created by its principal; the message says what to do. */
public final class KafkaTopicException extends RuntimeException {
    public KafkaTopicException(String message, Throwable cause) {
        super(message, cause);
    }

    public KafkaTopicException(String message) {
        super(message);
    }
}
