package io.clusterca.ca;

import io.clusterca.ca.authority.CaHierarchy;
import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.events.Event;
import io.clusterca.ca.events.EventType;
import io.clusterca.ca.issuance.PresentedCertificateCheck;
import io.clusterca.ca.revocation.RenewalGate;
import io.clusterca.ca.revocation.RevocationMatch;
import io.clusterca.ca.revocation.RevocationRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
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
    private final RevocationRegistry revocations;
    private final RenewalGate renewalGate;
    private final EventSink events;
    private final AuthorityOutputs outputs;
    private final Clock clock;

    private ClusterAuthority(Path dataDir, KeyVault vault, CaHierarchy cas, FileLedger ledger, BootstrapTokens tokens,
                             Issuer issuer, RevocationRegistry revocations, RenewalGate renewalGate, AuthorityOutputs outputs,
                             Clock clock) {
        this.dataDir = dataDir;
        this.vault = vault;
        this.cas = cas;
        this.ledger = ledger;
        this.tokens = tokens;
        this.issuer = issuer;
        this.revocations = revocations;
        this.renewalGate = renewalGate;
        this.events = outputs.events();
        this.outputs = outputs;
        this.clock = clock;
    }

    /**
     * Opens (creating on first use) the authority of {@code dataDir}. Revocation rules gate every
     * issuance, before {@code extraGates}. Blocking: key generation and disk.
     */
    public static ClusterAuthority open(Path dataDir, KeyVault vault, KeyAlgorithm caAlgorithm,
                                        Function<String, Optional<SignerProfile>> profiles, List<IssuanceGate> extraGates,
                                        EventSink events, Clock clock, IssuanceSettings settings) {
        FileLedger ledger = FileLedger.open(dataDir);
        return open(dataDir, vault, caAlgorithm, profiles, extraGates, AuthorityOutputs.local(ledger, events, () -> { }),
                clock, settings);
    }

    /** As above, with the outputs chosen by the caller (journal, or Kafka with a replicated ledger). */
    public static ClusterAuthority open(Path dataDir, KeyVault vault, KeyAlgorithm caAlgorithm,
                                        Function<String, Optional<SignerProfile>> profiles, List<IssuanceGate> extraGates,
                                        AuthorityOutputs outputs, Clock clock, IssuanceSettings settings) {
        CaHierarchy cas = CaHierarchy.loadOrCreate(dataDir, vault, caAlgorithm, clock.instant());
        FileLedger ledger = outputs.localLedger();
        EventSink events = outputs.events();
        BootstrapTokens tokens = new BootstrapTokens(dataDir);
        RevocationRegistry revocations = new RevocationRegistry(clock);
        RenewalGate gate = new RenewalGate(revocations, ledger, clock);
        List<IssuanceGate> gates = new ArrayList<>();
        gates.add(spec -> reportHit(gate.checkRequested(spec), events, clock, null).map(RevocationMatch::reason));
        gates.addAll(extraGates);
        Issuer issuer = new Issuer(cas, profiles, gates, outputs.issuanceLedger(), events, clock, settings);
        return new ClusterAuthority(dataDir, vault, cas, ledger, tokens, issuer, revocations, gate, outputs, clock);
    }

    /** The check a presented certificate must pass to renew or to identify a requester; a hit is an event. */
    public PresentedCertificateCheck presentedCertificateCheck() {
        return cert -> reportHit(renewalGate.checkPresented(cert), events, clock,
                CertificateAuthority.serialHex(cert.getSerialNumber())).map(RevocationMatch::reason);
    }

    private static Optional<RevocationMatch> reportHit(Optional<RevocationMatch> match, EventSink events, Clock clock,
                                                       String serial) {
        match.ifPresent(m -> {
            Map<String, Object> facts = new LinkedHashMap<>();
            if (serial != null) {
                facts.put("serial", serial);
            }
            facts.put("rule", m.rule().describe());
            facts.put("source", m.rule().source().describe());
            facts.put("matched", m.matchedValue());
            events.publish(Event.of(EventType.REVOCATION_MATCHED, clock.instant(), serial, facts));
        });
        return match;
    }

    public RevocationRegistry revocations() {
        return revocations;
    }

    public RenewalGate renewalGate() {
        return renewalGate;
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

    public EventSink events() {
        return events;
    }

    @Override
    public void close() {
        try {
            outputs.resources().close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the authority's outputs: " + e.getMessage(), e);
        } finally {
            ledger.close();
        }
    }
}
