package io.clusterca.ca.kubeadm;

import java.nio.file.Path;

/**
 * The hook through which {@code init} gets {@code sa.key} / {@code sa.pub} written: the
 * service-account key ring owns that key pair (rotation, JWKS), this package only knows where
 * kube-apiserver expects the files (kubeadm's ServiceAccountPrivateKeyName / ServiceAccountPublicKeyName).
 */
@FunctionalInterface
public interface ServiceAccountKeyWriter {
    /** Leaves sa.key / sa.pub alone, for callers that write them elsewhere. */
    ServiceAccountKeyWriter NONE = (privateKeyFile, publicKeyFile) -> { };

    /** Writes the signing key (mode 0600) and its public key (0644), atomically. */
    void write(Path privateKeyFile, Path publicKeyFile);
}
