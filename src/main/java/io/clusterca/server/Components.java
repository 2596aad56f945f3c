package io.clusterca.server;

import io.clusterca.ca.ClusterAuthority;
import io.clusterca.ca.issuance.IssuanceSettings;
import io.clusterca.ca.keystore.SealedKeyStore;
import io.clusterca.ca.sakeys.KeyRing;
import io.clusterca.ca.policy.SignerProfiles;
import io.clusterca.ca.sakeys.OidcDiscovery;
import io.clusterca.kube.SharedKeyState;
import io.clusterca.webhook.InMemoryLegacyTokenSecrets;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The engine parts {@code serve} runs: the authority, its sealed store, the service-account key ring,
 * the known legacy token Secrets (filled by the Kubernetes Secret informer; empty without a cluster),
 * and in Kubernetes mode the client and the key state shared by replicas through a Secret.
 */
public record Components(ClusterAuthority authority, SealedKeyStore keyStore, KeyRing saKeys, OidcDiscovery oidc,
                         IssuanceSettings issuance, SignerProfiles profiles, InMemoryLegacyTokenSecrets legacyTokenSecrets,
                         Optional<KubernetesClient> kubernetes, Optional<SharedKeyState> sharedKeys,
                         Supplier<HealthChecks.Status> eventsStatus) {
}
