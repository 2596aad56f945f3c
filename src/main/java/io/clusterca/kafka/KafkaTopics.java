package io.clusterca.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Makes sure the two topics exist before anything is sent: {@code <prefix>events} (the broker's
 * defaults) and {@code <prefix>ledger} ({@code cleanup.policy=compact}: the latest record per serial
 * is kept forever, so a new replica can read the whole ledger). Sending first would let a broker
 * with {@code auto.create.topics.enable} create the ledger topic without compaction.
 *
 * <p>ACLs ClusterCA's principal needs at run time: Write and Describe on both topics, Read on
 * {@code <prefix>ledger}, Read on the consumer groups {@code <prefix>ledger-*} (a prefixed ACL on
 * {@code <prefix>} covers topics and groups); Create on the topics (or the cluster) only if they are
 * to be created here. Blocking: call from a worker thread.
 */
public final class KafkaTopics {
    private static final Logger LOG = Logger.getLogger(KafkaTopics.class.getName());
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private KafkaTopics() {}

    /**
     * Creates the missing topics and checks that the ledger topic is compacted.
     *
     * @return the topics this call created
     * @throws KafkaTopicException    when a topic may not be created or described, or is not compacted
     * @throws KafkaUnavailableException when Kafka does not answer (retry later)
     */
    public static List<String> ensure(Admin admin, KafkaSettings settings) {
        try {
            return ensureTopics(admin, settings);
        } catch (RetriableException e) {
            throw new KafkaUnavailableException("Kafka is not available (" + e + ")", e);
        }
    }

    private static List<String> ensureTopics(Admin admin, KafkaSettings settings) {
        List<String> created = new ArrayList<>();
        for (NewTopic topic : List.of(eventsTopic(settings), ledgerTopic(settings))) {
            if (!exists(admin, topic.name()) && create(admin, topic)) {
                created.add(topic.name());
                LOG.info(() -> "created Kafka topic " + topic.name() + " " + topic.configs());
            }
        }
        if (!created.contains(settings.ledgerTopic())) {
            // Someone else created it: check its policy (ours is compact by construction).
            requireCompacted(admin, settings.ledgerTopic());
        }
        return List.copyOf(created);
    }

    static NewTopic eventsTopic(KafkaSettings settings) {
        return new NewTopic(settings.eventsTopic(), Optional.empty(), settings.replicationFactor());
    }

    static NewTopic ledgerTopic(KafkaSettings settings) {
        return new NewTopic(settings.ledgerTopic(), Optional.empty(), settings.replicationFactor())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    private static boolean exists(Admin admin, String topic) {
        try {
            await(admin.describeTopics(List.of(topic)).topicNameValues().get(topic));
            return true;
        } catch (UnknownTopicOrPartitionException e) {
            return false;
        } catch (TopicAuthorizationException e) {
            throw new KafkaTopicException(explainDenied(topic, "Describe", e), e);
        }
    }

    /** Returns false when another replica created the topic first. */
    private static boolean create(Admin admin, NewTopic topic) {
        try {
            await(admin.createTopics(List.of(topic)).values().get(topic.name()));
            return true;
        } catch (TopicExistsException e) {
            return false;
        } catch (TopicAuthorizationException | ClusterAuthorizationException e) {
            throw new KafkaTopicException(explainDenied(topic.name(), "Create", e), e);
        } catch (InvalidReplicationFactorException e) {
            throw new KafkaTopicException("cannot create Kafka topic " + topic.name() + ": " + e.getMessage()
                    + "; choose a replication factor the cluster can hold", e);
        }
    }

    private static void requireCompacted(Admin admin, String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config;
        try {
            config = describeConfigs(admin, resource);
        } catch (TopicAuthorizationException | ClusterAuthorizationException e) {
            LOG.warning(() -> "cannot check that " + topic + " is compacted (no DescribeConfigs permission): " + e.getMessage());
            return;
        }
        ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        String value = policy == null ? "" : policy.value();
        if (!List.of(value.split(",")).contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            throw new KafkaTopicException("Kafka topic " + topic + " has cleanup.policy=" + value
                    + "; the shared ledger needs compact, or old entries are deleted and new replicas never learn them: "
                    + "kafka-configs.sh --alter --entity-type topics --entity-name " + topic
                    + " --add-config cleanup.policy=compact");
        }
    }

    /**
     * A topic created a moment ago (by another replica) can be listed before every broker serves its
     * configuration: give metadata propagation a few short retries.
     */
    private static Config describeConfigs(Admin admin, ConfigResource resource) {
        for (int attempt = 0; ; attempt++) {
            try {
                return await(admin.describeConfigs(List.of(resource)).values().get(resource));
            } catch (UnknownTopicOrPartitionException notYetVisible) {
                if (attempt == 4) {
                    throw notYetVisible;
                }
                pause(Duration.ofMillis(50L << attempt));
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while waiting for Kafka", e);
        }
    }

    /** The message an operator needs when the principal lacks an ACL on a topic ClusterCA needs. */
    static String explainDenied(String topic, String operation, Exception cause) {
        String resource = cause instanceof ClusterAuthorizationException ? "--cluster" : "--topic " + topic;
        String grant = "kafka-acls.sh --add --allow-principal User:<clusterca principal> --operation " + operation + " " + resource;
        String remedy = "Create".equals(operation)
                ? "Create the topic beforehand (kafka-topics.sh --create --topic " + topic
                        + (topic.endsWith("ledger") ? " --config cleanup.policy=compact" : "") + ") or grant Create: " + grant
                : "Grant it: " + grant;
        return "Kafka refused to " + operation.toLowerCase(java.util.Locale.ROOT) + " topic " + topic + " ("
                + cause.getClass().getSimpleName() + ": ClusterCA's principal lacks the " + operation + " ACL). " + remedy;
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new KafkaUnavailableException("Kafka admin request failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("Kafka did not answer within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while waiting for Kafka", e);
        }
    }
}
