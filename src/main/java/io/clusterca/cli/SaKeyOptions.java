package io.clusterca.cli;

import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.events.EventSink;
import io.clusterca.ca.keystore.KeyVault;
import io.clusterca.ca.sakeys.KeyRing;
import io.clusterca.ca.sakeys.RotationPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options of the service-account signing-key ring, shared by serve, init and keys rotate-sa. */
public final class SaKeyOptions {
    @Option(names = "--sa-key-algorithm", defaultValue = "rsa-2048", paramLabel = "ALG",
            description = "Service-account signing key algorithm: rsa-2048, rsa-3072, rsa-4096 or ecdsa-p256. Default: ${DEFAULT-VALUE}")
    String algorithm;

    @Option(names = "--pki-dir", paramLabel = "DIR",
            description = "kubeadm PKI dir whose sa.key/sa.pub are kept in line with the key ring")
    Optional<Path> pkiDir;

    public RotationPolicy policy(long maxTokenExpirationSeconds) {
        KeyAlgorithm alg = KeyAlgorithm.fromFlag(algorithm)
                .filter(a -> a.isRsa() || a == KeyAlgorithm.ECDSA_P256)
                .orElseThrow(() -> CliException.badInput("--sa-key-algorithm must be rsa-2048, rsa-3072, rsa-4096 or ecdsa-p256, not " + algorithm));
        try {
            return RotationPolicy.defaults().withAlgorithm(alg).withMaxTokenExpiration(Duration.ofSeconds(maxTokenExpirationSeconds));
        } catch (IllegalArgumentException e) {
            throw CliException.badInput(e.getMessage());
        }
    }

    public Optional<Path> pkiDir() {
        return pkiDir;
    }

    public KeyRing open(Path dataDir, KeyVault vault, EventSink events, long maxTokenExpirationSeconds) {
        KeyRing.Settings settings = KeyRing.Settings.of(dataDir).withPolicy(policy(maxTokenExpirationSeconds));
        if (pkiDir.isPresent()) {
            settings = settings.withApiServerPkiDir(pkiDir.get());
        }
        return KeyRing.open(settings, vault, events);
    }
}
