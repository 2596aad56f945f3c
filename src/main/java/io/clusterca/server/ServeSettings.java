package io.clusterca.server;

import io.clusterca.kube.KubernetesConnection;
import io.clusterca.webhook.WebhookSettings;
import java.util.Map;
import java.util.Optional;

/** Everything {@code serve} was told on the command line beyond the authority itself. */
public record ServeSettings(ServerSettings server, WebhookSettings webhook, Optional<KubernetesConnection.Source> kubernetes,
                            String webhookConfigurationName, Optional<String> kafkaBootstrap,
                            String kafkaTopicPrefix, Map<String, String> kafkaProperties) {
    public ServeSettings {
        kafkaProperties = Map.copyOf(kafkaProperties);
    }
}
