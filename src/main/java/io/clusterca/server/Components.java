package io.clusterca.server;

import io.clusterca.ca.ClusterAuthority;
import io.clusterca.ca.issuance.IssuanceSettings;
import io.clusterca.ca.keystore.SealedKeyStore;
import io.clusterca.ca.sakeys.KeyRing;
import io.clusterca.ca.sakeys.OidcDiscovery;

/** The engine parts {@code serve} runs: the authority, its sealed store, the service-account key ring. */
public record Components(ClusterAuthority authority, SealedKeyStore keyStore, KeyRing saKeys, OidcDiscovery oidc,
                         IssuanceSettings issuance) {
}
