package io.clusterca.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How ClusterCA talks to Kafka.
 *
 * @param bootstrapServers  {@code host:port[,host:port...]} ({@code --kafka-bootstrap})
 * @param topicPrefix       prefix of both topics ({@code --kafka-topic-prefix}, default {@code clusterca.})
 * @param clientProperties  extra Kafka client properties for producer, consumer and admin, e.g. TLS or
 *                          SASL ({@code --kafka-property key=value}, repeated); the properties ClusterCA's
 *                          guarantees rest on ({@link #RESERVED}) are refused
 * @param replicationFactor replication factor of topics ClusterCA creates; empty = the broker's
 *                          {@code default.replication.factor}
 * @param replicaId         this replica's unique, stable name ({@link ReplicaId}): its ledger consumer group is
 *                          {@code <prefix>ledger-<replicaId>}
 */
public record KafkaSettings(String bootstrapServers, String topicPrefix, Map<String, String> clientProperties,
                            Optional<Short> replicationFactor, String replicaId) {
    public static final String DEFAULT_TOPIC_PREFIX = "clusterca.";

    /** Set by ClusterCA itself: acks=all + idempotence are what "delivered" means in the outbox. */
    public static final Set<String> RESERVED = Set.of(
            "bootstrap.servers", "acks", "enable.idempotence", "transactional.id",
            "key.serializer", "value.serializer", "key.deserializer", "value.deserializer",
            "group.id", "group.instance.id", "enable.auto.commit", "auto.offset.reset", "allow.auto.create.topics");

    private static final Pattern TOPIC_CHARS = Pattern.compile("[a-zA-Z0-9._-]*");
    private static final int MAX_TOPIC_LENGTH = 249;

    public KafkaSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(replicationFactor, "replicationFactor");
        Objects.requireNonNull(replicaId, "replicaId");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("--kafka-bootstrap must name at least one host:port");
        }
        if (!TOPIC_CHARS.matcher(topicPrefix).matches()) {
            throw new IllegalArgumentException("--kafka-topic-prefix '" + topicPrefix
                    + "' may only contain ASCII letters, digits, '.', '_' and '-'");
        }
        if (topicPrefix.length() + "ledger".length() > MAX_TOPIC_LENGTH) {
            throw new IllegalArgumentException("--kafka-topic-prefix is too long: topic names are at most "
                    + MAX_TOPIC_LENGTH + " characters");
        }
        replicationFactor.ifPresent(factor -> {
            if (factor < 1) {
                throw new IllegalArgumentException("Kafka replication factor must be at least 1, got " + factor);
            }
        });
        if (replicaId.isBlank()) {
            throw new IllegalArgumentException("replica id must not be blank");
        }
        for (String key : clientProperties.keySet()) {
            if (RESERVED.contains(key)) {
                throw new IllegalArgumentException("--kafka-property " + key + " is set by ClusterCA and cannot be overridden");
            }
        }
        clientProperties = Map.copyOf(clientProperties);
    }

    /**
     * Settings with the default prefix, no extra properties and a new replica id: right for a process
     * that keeps no data dir; a server uses {@link ReplicaId#forDataDir} so its id survives restarts.
     */
    public static KafkaSettings of(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, DEFAULT_TOPIC_PREFIX, Map.of(), Optional.empty(), ReplicaId.fresh());
    }

    public KafkaSettings withTopicPrefix(String prefix) {
        return new KafkaSettings(bootstrapServers, prefix, clientProperties, replicationFactor, replicaId);
    }

    public KafkaSettings withClientProperties(Map<String, String> properties) {
        Map<String, String> merged = new LinkedHashMap<>(clientProperties);
        merged.putAll(properties);
        return new KafkaSettings(bootstrapServers, topicPrefix, merged, replicationFactor, replicaId);
    }

    public KafkaSettings withReplicationFactor(short factor) {
        return new KafkaSettings(bootstrapServers, topicPrefix, clientProperties, Optional.of(factor), replicaId);
    }

    public KafkaSettings withReplicaId(String id) {
        return new KafkaSettings(bootstrapServers, topicPrefix, clientProperties, replicationFactor, id);
    }

    /**
     * Parses one {@code --kafka-property key=value} argument.
     *
     * @throws IllegalArgumentException without {@code =} or with an empty key
     */
    public static Map.Entry<String, String> parseProperty(String argument) {
        int eq = argument.indexOf('=');
        if (eq <= 0 || argument.substring(0, eq).isBlank()) {
            throw new IllegalArgumentException("--kafka-property expects key=value, got '" + argument + "'");
        }
        return Map.entry(argument.substring(0, eq).trim(), argument.substring(eq + 1));
    }

    public String eventsTopic() {
        return topicPrefix + "events";
    }

    public String ledgerTopic() {
        return topicPrefix + "ledger";
    }

    /** One group per replica: every replica reads the whole ledger topic. */
    public String ledgerGroupId() {
        return topicPrefix + "ledger-" + replicaId;
    }

    Map<String, String> adminConfig() {
        Map<String, String> config = new LinkedHashMap<>(clientProperties);
        config.put("bootstrap.servers", bootstrapServers);
        config.putIfAbsent("client.id", "clusterca-admin-" + replicaId);
        return config;
    }

    Map<String, String> producerConfig() {
        Map<String, String> config = new LinkedHashMap<>(clientProperties);
        config.put("bootstrap.servers", bootstrapServers);
        config.put("acks", "all");
        config.put("enable.idempotence", "true");
        // While Kafka is down, send() waits this long for metadata before the relay backs off and retries.
        config.putIfAbsent("max.block.ms", "10000");
        config.putIfAbsent("client.id", "clusterca-" + replicaId);
        return config;
    }

    Map<String, String> consumerConfig() {
        Map<String, String> config = new LinkedHashMap<>(clientProperties);
        config.put("bootstrap.servers", bootstrapServers);
        config.put("group.id", ledgerGroupId());
        // Static membership: a replica restarted after a crash takes its place in its group at once,
        // instead of waiting for the dead member's session to time out before reading on.
        config.put("group.instance.id", replicaId);
        config.put("auto.offset.reset", "earliest");
        config.put("enable.auto.commit", "false");
        // A consumer must not create the ledger topic without its compact policy.
        config.put("allow.auto.create.topics", "false");
        // A commit blocks the consumer's thread; while Kafka is down, fail it sooner than the 60 s default.
        config.putIfAbsent("default.api.timeout.ms", "15000");
        config.putIfAbsent("client.id", "clusterca-ledger-" + replicaId);
        return config;
    }
}
