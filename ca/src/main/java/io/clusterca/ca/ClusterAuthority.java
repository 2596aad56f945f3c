package io.clusterca.ca;

import io.clusterca.ca.authority.CaHierarchy;
import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.events.EventSink;
import io.clusterca.ca.issuance.IssuanceGate;
import io.clusterca.ca.issuance.IssuanceSettings;
import io.clusterca.ca.issuance.Issuer;
import io.clusterca.ca.keystore.KeyVault;
import io.clusterca.ca.ledger.FileLedger;
import io.clusterca.ca.policy.SignerProfile;
import io.clusterca.ca.tokens.BootstrapTokens;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The authority, in step-ca's sense: policy, issuance, revocation and storage of one data dir,
 * with no transport. The CLI, the HTTP routes and the Kubernetes controllers are adapters around it.
 */
public final class ClusterAuthority implements AutoCloseable {
    private final Path dataDir;
    private final KeyVault vault;
    private final CaHierarchy cas;
    private final FileLedger ledger;
    private final BootstrapTokens tokens;
    private final Issuer issuer;
    private final Clock clock;

    private ClusterAuthority(Path dataDir, KeyVault vault, CaHierarchy cas, FileLedger ledger, BootstrapTokens tokens,
                             Issuer issuer, Clock clock) {
        this.dataDir = dataDir;
        this.vault = vault;
        this.cas = cas;
        this.ledger = ledger;
        this.tokens = tokens;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** Opens (creating on first use) the authority of {@code dataDir}. Blocking: key generation and disk. */
    public static ClusterAuthority open(Path dataDir, KeyVault vault, KeyAlgorithm caAlgorithm,
                                        Function<String, Optional<SignerProfile>> profiles, List<IssuanceGate> gates,
                                        EventSink events, Clock clock, IssuanceSettings settings) {
        CaHierarchy cas = CaHierarchy.loadOrCreate(dataDir, vault, caAlgorithm, clock.instant());
        FileLedger ledger = FileLedger.open(dataDir);
        BootstrapTokens tokens = new BootstrapTokens(dataDir);
        Issuer issuer = new Issuer(cas, profiles, gates, ledger, events, clock, settings);
        return new ClusterAuthority(dataDir, vault, cas, ledger, tokens, issuer, clock);
    }

    public Path dataDir() {
        return dataDir;
    }

    public KeyVault vault() {
        return vault;
    }

    public CaHierarchy cas() {
        return cas;
    }

    public FileLedger ledger() {
        return ledger;
    }

    public BootstrapTokens tokens() {
        return tokens;
    }

    public Issuer issuer() {
        return issuer;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        ledger.close();
    }
}
