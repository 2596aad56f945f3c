package io.clusterca.cli;

import io.clusterca.ca.events.EventSink;
import io.clusterca.ca.keystore.KekSource;
import io.clusterca.ca.keystore.SealedKeyStore;
import java.nio.file.Path;

/**
 * Opens the sealed key store of a data dir. The KEK comes from {@code CLUSTERCA_KEK_PASSPHRASE}
 * when set (Argon2id-derived), otherwise from random KEK files (mode 0600) in the data dir.
 */
final class Vaults {
    private Vaults() {}

    static SealedKeyStore open(CliContext ctx, Path dataDir, EventSink events) {
        return SealedKeyStore.open(dataDir, KekSource.fromEnvironment(ctx.env()), events, ctx.clock());
    }
}
