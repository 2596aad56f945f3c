package io.clusterca.server;

import io.clusterca.ca.ClusterAuthority;
import io.clusterca.ca.issuance.IssuanceSettings;
import io.clusterca.ca.keystore.SealedKeyStore;
import io.clusterca.ca.sakeys.KeyRing;
import io.clusterca.ca.policy.SignerProfiles;
import io.clusterca.ca.sakeys.OidcDiscovery;
import io.clusterca.webhook.InMemoryLegacyTokenSecrets;

/**
 * The engine parts {@code serve} runs: the authority, its sealed store, the service-account key ring,
 * and the known legacy token Secrets (filled by the Kubernetes Secret informer; empty without a cluster).
 */
public record Components(ClusterAuthority authority, SealedKeyStore keyStore, KeyRing saKeys, OidcDiscovery oidc,
                         IssuanceSettings issuance, SignerProfiles profiles, InMemoryLegacyTokenSecrets legacyTokenSecrets) {
}
