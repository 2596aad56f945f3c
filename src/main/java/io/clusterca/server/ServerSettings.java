package io.clusterca.server;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How {@code serve} runs: where it listens, which names its serving certificate carries, and its
 * public URL (for CRL/OCSP pointers and the OIDC issuer).
 */
public record ServerSettings(String bind, int port, List<String> servingSans, Optional<String> publicUrl,
                             Duration reloadInterval) {
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    public ServerSettings {
        servingSans = List.copyOf(servingSans);
    }
}
