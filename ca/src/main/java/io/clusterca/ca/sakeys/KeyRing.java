package io.clusterca.ca.sakeys;

import io.clusterca.ca.crypto.Crypto;
import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.events.Event;
import io.clusterca.ca.events.EventSink;
import io.clusterca.ca.events.EventType;
import io.clusterca.ca.keystore.KeyVault;
import io.clusterca.ca.sakeys.RotationSchedule.Activate;
import io.clusterca.ca.sakeys.RotationSchedule.CreateKey;
import io.clusterca.ca.sakeys.RotationSchedule.Due;
import io.clusterca.ca.sakeys.RotationSchedule.Retire;
import io.clusterca.ca.sakeys.Transition.Reason;
import io.clusterca.ca.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The service-account signing-key ring: carries out {@link RotationSchedule}'s decisions, keeps
 * private keys in the {@link KeyVault} ({@code sa/<kid>}) and the metadata in
 * {@code <data-dir>/sa/keyring.json}, and (when given the PKI dir) keeps {@code sa.key}/{@code sa.pub}
 * in line with it.
 *
 * <p>Every change is a read-modify-write of {@code keyring.json} under an exclusive file lock
 * ({@code keyring.lock}), so the server's scheduler and the CLI ({@code keys rotate-sa}, another
 * process) never lose each other's updates. Use one {@code KeyRing} per data dir per process.
 *
 * <p>Crash safety: a new private key is put in the vault before the ring names it, and a retired key
 * is deleted from the vault only after the ring stops naming it. A crash in between leaves a vault key
 * that no ring entry names, which the next change deletes; it never leaves a ring entry without a key.
 *
 * <p>Blocking (key generation, vault, disk): call from a worker thread, never an event loop. Reads
 * ({@link #current()}) are lock-free snapshots.
 */
public final class KeyRing {
    /** How many steps one tick may take; a correct schedule needs at most four. */
    private static final int MAX_STEPS_PER_TICK = 16;
    static final String LOCK_FILE = "keyring.lock";

    /**
     * @param dataDir         the service's data dir; the ring lives in {@code <dataDir>/sa/}
     * @param apiServerPkiDir when present, {@code sa.key} and {@code sa.pub} there follow every change
     */
    public record Settings(Path dataDir, RotationPolicy policy, Optional<Path> apiServerPkiDir) {
        public Settings {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(apiServerPkiDir, "apiServerPkiDir");
        }

        public static Settings of(Path dataDir) {
            return new Settings(dataDir, RotationPolicy.defaults(), Optional.empty());
        }

        public Settings withPolicy(RotationPolicy newPolicy) {
            return new Settings(dataDir, newPolicy, apiServerPkiDir);
        }

        public Settings withApiServerPkiDir(Path pkiDir) {
            return new Settings(dataDir, policy, Optional.of(pkiDir));
        }

        public Path saDir() {
            return dataDir.resolve("sa");
        }
    }

    /** What happens to the key that was active when {@link #rotateNow} replaces it. */
    public enum PreviousKey {
        /**
         * It stops signing but stays published until its tokens expire: nothing breaks. The right
         * choice for a suspected compromise or a routine early rotation.
         */
        KEEP_VERIFYING,
        /**
         * It is retired at once: every token it signed stops verifying at relying parties now, and at
         * kube-apiserver once it restarts with the new {@code sa.pub}; pods fail until the kubelet
         * refreshes their projected tokens. The right choice only for a confirmed compromise, where a
         * forged token is worse than that outage.
         */
        RETIRE
    }

    /** The active key's private half with the snapshot it belongs to. Never log it. */
    public record SigningMaterial(KeyRingState ring, SaKey active, PrivateKey activeKey) {
        @Override
        public String toString() {
            return "SigningMaterial[kid=" + active.kid() + ", revision=" + ring.revision() + "]";
        }
    }

    private record Loaded(KeyRingState ring, Optional<KeyRingFile.Stamp> stamp) {}

    private final Settings settings;
    private final KeyVault vault;
    private final EventSink events;
    private final KeyRingFile file;
    private final Path lockPath;
    private final ReentrantLock mutations = new ReentrantLock();
    private volatile Loaded loaded;

    private KeyRing(Settings settings, KeyVault vault, EventSink events) {
        this.settings = settings;
        this.vault = Objects.requireNonNull(vault, "vault");
        this.events = Objects.requireNonNull(events, "events");
        Path saDir = AtomicFiles.privateDirectory(settings.saDir());
        this.file = new KeyRingFile(saDir);
        this.lockPath = saDir.resolve(LOCK_FILE);
        this.loaded = load();
    }

    /**
     * Opens the ring in {@code settings.dataDir()}. An absent ring is empty until the first
     * {@link #tick} creates the first key.
     *
     * @throws KeyRingFile.CorruptKeyRingException when {@code keyring.json} is unreadable
     */
    public static KeyRing open(Settings settings, KeyVault vault, EventSink events) {
        return new KeyRing(settings, vault, events);
    }

    public RotationPolicy policy() {
        return settings.policy();
    }

    /** The ring as last read or written by this process. */
    public KeyRingState current() {
        return loaded.ring();
    }

    /**
     * Picks up a change another process (the CLI) made to {@code keyring.json}. Cheap when nothing
     * changed (one stat); call it every second or so.
     *
     * @return whether the ring changed
     * @throws KeyRingFile.CorruptKeyRingException when the new file is unreadable; the previous ring is kept
     */
    public boolean reloadIfChanged() {
        mutations.lock();
        try {
            if (file.stamp().equals(loaded.stamp())) {
                return false;
            }
            KeyRingState before = loaded.ring();
            loaded = load();
            return !before.equals(loaded.ring());
        } finally {
            mutations.unlock();
        }
    }

    /**
     * Carries out everything due at {@code now} (first key, successor publication, activation after
     * the publish lead, retirement of keys whose tokens have all expired) and brings the API server
     * files in line. Idempotent: a second call at the same instant does nothing.
     */
    public List<Transition> tick(Instant now) {
        return mutate(now, m -> {
            for (int step = 0; step < MAX_STEPS_PER_TICK; step++) {
                Optional<Due> due = RotationSchedule.next(m.state, settings.policy(), now);
                if (due.isEmpty()) {
                    return;
                }
                m.apply(due.get());
            }
            throw new IllegalStateException("rotation schedule did not settle after " + MAX_STEPS_PER_TICK + " steps");
        });
    }

    /**
     * {@code keys rotate-sa}: publishes a new key now; it signs once the publish lead has passed (on
     * a later {@link #tick}). Does nothing when a key is already pending. On an empty ring, creates
     * the first key (active at once).
     */
    public List<Transition> rotate(Instant now) {
        return mutate(now, m -> {
            if (m.state.active().isEmpty()) {
                m.create(true, Reason.BOOTSTRAP);
            } else if (m.state.pending().isEmpty()) {
                m.create(false, Reason.ROTATION_REQUESTED);
            }
        });
    }

    /**
     * {@code keys rotate-sa --now}: a fresh key signs at once, skipping the publish lead (relying
     * parties holding a cached JWKS reject new tokens until they refetch, up to one max-age). A key
     * that was pending is retired (it never signed; a fresh key is safer). See {@link PreviousKey}
     * for what happens to the key that was active.
     */
    public List<Transition> rotateNow(Instant now, PreviousKey previous) {
        return mutate(now, m -> {
            Optional<SaKey> old = m.state.active();
            if (old.isEmpty()) {
                m.create(true, Reason.BOOTSTRAP);
                return;
            }
            m.state.pending().ifPresent(p -> m.retire(p.kid(), Reason.SUPERSEDED));
            m.create(true, Reason.IMMEDIATE_ROTATION);
            if (previous == PreviousKey.RETIRE) {
                m.retire(old.get().kid(), Reason.COMPROMISED);
            }
        });
    }

    /**
     * Takes over an existing signing key (kubeadm's {@code sa.key}) as the active key, so tokens
     * already signed with it keep working; it rotates on the normal schedule from {@code now}.
     * Only into an empty ring.
     */
    public List<Transition> adopt(KeyPair existing, Instant now) {
        KeyAlgorithm algorithm = requireSupported(existing.getPublic());
        requireMatchingPair(existing, algorithm);
        return mutate(now, m -> {
            if (!m.state.keys().isEmpty()) {
                throw new IllegalStateException("the service-account key ring already has keys; a key can only be adopted into an empty ring");
            }
            m.add(existing, algorithm, true, Reason.ADOPTED);
        });
    }

    /** The active private key, read from the vault, with the snapshot it belongs to. */
    public SigningMaterial signingMaterial() {
        KeyRingState ring = current();
        SaKey active = ring.active().orElseThrow(() -> new IllegalStateException("the service-account key ring has no active key yet"));
        return new SigningMaterial(ring, active, privateKeyOf(active));
    }

    /** When {@link #tick} next has work: a scheduler may sleep until then (re-check after {@link #reloadIfChanged}). */
    public Instant nextDue(Instant now) {
        return RotationSchedule.nextDue(current(), settings.policy(), now);
    }

    public KeyRingStatus status(Instant now) {
        KeyRingState ring = current();
        Set<String> vaultIds = vault.ids();
        return KeyRingStatus.of(ring, settings.policy(), now,
                ring.active().map(a -> vaultIds.contains(a.vaultId())).orElse(false));
    }

    private List<Transition> mutate(Instant now, Consumer<Mutation> change) {
        mutations.lock();
        try (FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            KeyRingState onDisk = file.read().orElse(KeyRingState.EMPTY);
            Mutation m = new Mutation(onDisk, now);
            change.accept(m);
            KeyRingState result = onDisk;
            if (!m.transitions.isEmpty()) {
                result = m.state.withRevision(onDisk.revision() + 1);
                file.write(result);
            }
            loaded = new Loaded(result, file.stamp());
            // Announced as soon as they are durable; the clean-up below is retried by every later change.
            m.transitions.forEach(this::publish);
            deleteUnpublishedVaultKeys(result);
            syncApiServerFiles(result);
            return List.copyOf(m.transitions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockPath, e);
        } finally {
            mutations.unlock();
        }
    }

    /** Retired keys, and keys an interrupted change put in the vault but never recorded. Under the ring lock. */
    private void deleteUnpublishedVaultKeys(KeyRingState ring) {
        Set<String> keep = ring.published().stream().map(SaKey::vaultId).collect(Collectors.toSet());
        vault.ids().stream()
                .filter(id -> id.startsWith(SaKey.VAULT_PREFIX) && !keep.contains(id))
                .forEach(vault::delete);
    }

    private void syncApiServerFiles(KeyRingState ring) {
        settings.apiServerPkiDir().ifPresent(dir -> ring.active().ifPresent(active ->
                SaKeyFiles.write(dir, SaKeyFiles.contents(ring, privateKeyOf(active)))));
    }

    private PrivateKey privateKeyOf(SaKey key) {
        return vault.get(key.vaultId()).orElseThrow(() -> new IllegalStateException(
                "the vault has no private key " + key.vaultId() + " for " + key.state().wireName() + " service-account key"));
    }

    private void publish(Transition t) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("kid", t.kid());
        facts.put("from", t.fromName());
        facts.put("to", t.to().wireName());
        facts.put("reason", t.reason().wireName());
        EventType type = t.to() == KeyState.RETIRED ? EventType.SA_KEY_RETIRED : EventType.SA_KEY_ROTATED;
        events.publish(Event.of(type, t.at(), t.kid(), facts));
    }

    private Loaded load() {
        Optional<KeyRingFile.Stamp> stamp = file.stamp();
        return new Loaded(file.read().orElse(KeyRingState.EMPTY), stamp);
    }

    /** What kube-apiserver can sign with and ClusterCA accepts: RSA of at least 2048 bits, ECDSA P-256 or P-384. */
    private static KeyAlgorithm requireSupported(PublicKey key) {
        JwsAlgorithms.of(key); // refuses curves kube-apiserver cannot sign with
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < 2048) {
            throw new IllegalArgumentException("RSA key of " + rsa.getModulus().bitLength() + " bits is too weak; at least 2048 bits are required");
        }
        return KeyAlgorithm.of(key).orElseThrow(() -> new IllegalArgumentException("unsupported key: " + key.getAlgorithm()));
    }

    private static void requireMatchingPair(KeyPair pair, KeyAlgorithm algorithm) {
        byte[] probe = "clusterca key pair check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm.signatureAlgorithm(), Crypto.BC);
            signer.initSign(pair.getPrivate());
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm.signatureAlgorithm(), Crypto.BC);
            verifier.initVerify(pair.getPublic());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new IllegalArgumentException("the private key does not belong to the public key");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable key pair: " + e.getMessage());
        }
    }

    /** One read-modify-write of the ring: the working state and what changed. */
    private final class Mutation {
        private KeyRingState state;
        private final Instant now;
        private final List<Transition> transitions = new ArrayList<>();

        private Mutation(KeyRingState state, Instant now) {
            this.state = state;
            this.now = now;
        }

        void apply(Due due) {
            if (due instanceof CreateKey c) {
                create(c.activateAtOnce(), c.reason());
            } else if (due instanceof Activate a) {
                Optional<SaKey> previous = state.active();
                state = state.activate(a.kid(), now);
                recordActivation(a.kid(), Optional.of(KeyState.PENDING), a.reason(), previous);
            } else if (due instanceof Retire r) {
                retire(r.kid(), r.reason());
            }
        }

        void create(boolean activateAtOnce, Reason reason) {
            KeyAlgorithm algorithm = settings.policy().algorithm();
            add(algorithm.generate(), algorithm, activateAtOnce, reason);
        }

        void add(KeyPair pair, KeyAlgorithm algorithm, boolean activateAtOnce, Reason reason) {
            SaKey key = SaKey.pending(pair.getPublic(), algorithm, now, settings.policy());
            // The vault first: a crash after this leaves an orphaned vault key, never a ring entry without one.
            vault.put(key.vaultId(), pair.getPrivate());
            if (activateAtOnce) {
                Optional<SaKey> previous = state.active();
                state = state.addActive(key, now);
                recordActivation(key.kid(), Optional.empty(), reason, previous);
            } else {
                state = state.add(key);
                transitions.add(Transition.created(key, reason));
            }
        }

        private void recordActivation(String kid, Optional<KeyState> from, Reason reason, Optional<SaKey> previous) {
            transitions.add(new Transition(kid, from, KeyState.ACTIVE, now, reason));
            previous.ifPresent(p -> transitions.add(
                    new Transition(p.kid(), Optional.of(KeyState.ACTIVE), KeyState.VERIFYING, now, Reason.SUPERSEDED)));
        }

        void retire(String kid, Reason reason) {
            KeyState from = state.find(kid).map(SaKey::state).orElseThrow();
            state = state.retire(kid, now);
            transitions.add(new Transition(kid, Optional.of(from), KeyState.RETIRED, now, reason));
        }
    }
}
