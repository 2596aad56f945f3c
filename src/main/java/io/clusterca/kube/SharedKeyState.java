package io.clusterca.kube;

import io.clusterca.ca.keystore.KekSource;
import io.clusterca.ca.store.AtomicFiles;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecretList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Keeps the key state of every replica identical through Secret {@value #SECRET_NAME}: the three CA roots, the
 * KEK ring (passphrase-derived only), the sealed keys and the service-account key ring (see {@link SharedFiles}).
 *
 * <p>At start-up, before the authority is opened, {@link #bootstrap} either imports the Secret into the data dir
 * or, when there is none yet, creates the state in a staging directory and {@code create}s the Secret from it.
 * {@code create} is the arbiter between replicas starting together: the one that gets 409 AlreadyExists drops
 * its staging directory and imports the winner's state, so no lease is needed and a restart never mints new CAs.
 *
 * <p>Afterwards the leader calls {@link #publish()} after each local change (SA key rotation, KEK rotation or
 * re-wrap) and every replica {@link #startFollowing() follows} the Secret, writing changed files into its data
 * dir, where {@code KeyRing.reloadIfChanged} and {@code SealedKeyStore} (which reads keys on every get) pick them
 * up. A watch event only triggers a fresh GET, so a late event can never roll the data dir back to an older
 * version. Blocking (API calls, disk): call from a worker thread. Thread-safe.
 */
public final class SharedKeyState implements AutoCloseable {
    public static final String SECRET_NAME = "clusterca-keys";
    private static final Logger LOG = Logger.getLogger(SharedKeyState.class.getName());
    private static final Duration RESYNC = Duration.ofMinutes(10);

    private final KubernetesClient client;
    private final String namespace;
    private final Path dataDir;
    /** The Secret as this replica last read or wrote it; guarded by {@code this}. */
    private String seenVersion;
    private SharedFiles seenFiles;
    private SharedIndexInformer<Secret> informer;

    private SharedKeyState(KubernetesClient client, String namespace, Path dataDir) {
        this.client = client;
        this.namespace = namespace;
        this.dataDir = dataDir;
    }

    /**
     * Makes {@code dataDir}'s key state the cluster's: imports Secret {@value #SECRET_NAME} of {@code namespace},
     * or creates it from a state {@code createIn} makes in an empty staging directory (seeded with the key state
     * {@code dataDir} already holds, so an existing single-replica CA is adopted rather than replaced). When this
     * returns, opening the authority on {@code dataDir} loads the shared roots and keys.
     *
     * @param env      the process environment; {@value KekSource#PASSPHRASE_ENV} must be set
     * @param createIn opens (creating what is missing) the authority, its key store and the service-account key
     *                 ring in the given directory with the same settings as the real start, then closes them
     * @throws IllegalStateException when there is no passphrase, the Secret holds something that is not sealed
     *                               key state, or the API refuses the calls (the message says which)
     */
    public static SharedKeyState bootstrap(KubernetesClient client, String namespace, Path dataDir,
                                           Map<String, String> env, Consumer<Path> createIn) {
        requirePassphrase(env);
        Path dir = AtomicFiles.privateDirectory(dataDir.toAbsolutePath().normalize());
        SharedKeyState state = new SharedKeyState(client, namespace, dir);
        Optional<Secret> existing = state.fetch();
        Secret winner = existing.isPresent() ? existing.get() : state.createFromLocalState(createIn);
        state.importSecret(winner);
        return state;
    }

    /**
     * Writes the data dir's key state to the Secret, when it differs from what this replica last saw there (or
     * recreates the Secret after it was deleted). Only the leader writes, so on a 409 Conflict (the version it saw
     * is stale) it retries once with the current one.
     *
     * @return whether the Secret was written
     */
    public synchronized boolean publish() {
        SharedFiles local = SharedFiles.read(dataDir);
        if (local.equals(seenFiles)) {
            return false;
        }
        Secret written;
        try {
            written = write(local, seenVersion);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT && e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw apiFailure("write", e);
            }
            // The version seen is stale, or the Secret was deleted (or recreated) meanwhile: once more against what is there now.
            String current = fetch().map(s -> s.getMetadata().getResourceVersion()).orElse(null);
            try {
                written = write(local, current);
            } catch (KubernetesClientException again) {
                throw apiFailure("write", again);
            }
        }
        remember(written);
        LOG.info(() -> "published key state to " + describe() + " (resourceVersion " + seenVersion + ")");
        return true;
    }

    /** Creates the Secret when no version of it is known, else replaces that version (optimistic concurrency). */
    private Secret write(SharedFiles files, String resourceVersion) {
        Resource<Secret> secret = secrets().resource(secret(files, resourceVersion));
        return resourceVersion == null ? secret.create() : secret.update();
    }

    /**
     * Reads the Secret and, when its version is not the one this replica last saw, writes its files into the data
     * dir.
     *
     * @return whether files in the data dir changed
     */
    public synchronized boolean importIfChanged() {
        Optional<Secret> current = fetch();
        if (current.isEmpty() || Objects.equals(current.get().getMetadata().getResourceVersion(), seenVersion)) {
            return false;
        }
        return importSecret(current.get());
    }

    /** Follows the Secret with an informer (retrying list and watch for ever); each event leads to {@link #importIfChanged()}. */
    public synchronized void startFollowing() {
        if (informer != null) {
            return;
        }
        SharedIndexInformer<Secret> i = secrets().withName(SECRET_NAME).runnableInformer(RESYNC.toMillis());
        informer = Informers.start("shared-key-state", i, Informers.<Secret>upsertOrRemove(secret -> follow(), secret -> {
            forget();
            LOG.warning(() -> describe() + " was deleted; data dirs keep their key state and the leader's next "
                    + "publish() recreates the Secret");
        }));
    }

    /** Whether the follower has listed the Secret once (false before {@link #startFollowing()}). */
    public synchronized boolean synced() {
        return informer != null && informer.hasSynced();
    }

    /** Stops following. Idempotent. */
    @Override
    public synchronized void close() {
        if (informer != null) {
            informer.stop();
            informer = null;
        }
    }

    private void follow() {
        try {
            if (importIfChanged()) {
                LOG.info(() -> "imported key state from " + describe() + " (resourceVersion " + seenVersionNow() + ")");
            }
        } catch (RuntimeException e) {
            // The data dir keeps its previous, consistent state; the next event or resync retries.
            LOG.warning(() -> "cannot import key state from " + describe() + ": " + e.getMessage());
        }
    }

    private synchronized void forget() {
        seenVersion = null;
        seenFiles = null;
    }

    private synchronized String seenVersionNow() {
        return seenVersion;
    }

    private Secret createFromLocalState(Consumer<Path> createIn) {
        Path stage = stagingDirectory();
        try {
            SharedFiles.read(dataDir).writeTo(stage);
            createIn.accept(stage);
            Secret created = secret(SharedFiles.read(stage), null);
            try {
                Secret made = secrets().resource(created).create();
                LOG.info(() -> "created " + describe() + " with this replica's new key state");
                return made;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw apiFailure("create", e);
                }
                LOG.info(() -> describe() + " was created by another replica first; importing its key state");
                return fetch().orElseThrow(() -> new IllegalStateException(
                        describe() + " already exists according to create, but cannot be read"));
            }
        } finally {
            deleteRecursively(stage);
        }
    }

    /** Under {@code dataDir}, so it is on the same file system and as private; a crash may leave one behind. */
    private Path stagingDirectory() {
        try (Stream<Path> old = Files.list(dataDir)) {
            old.filter(p -> p.getFileName().toString().startsWith(".key-state-")).forEach(SharedKeyState::deleteRecursively);
            return Files.createTempDirectory(dataDir, ".key-state-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a staging directory in " + dataDir, e);
        }
    }

    private synchronized boolean importSecret(Secret secret) {
        SharedFiles files = SharedFiles.fromSecretData(describe(), secret.getData());
        boolean changed = files.writeTo(dataDir);
        remember(secret);
        return changed;
    }

    private synchronized void remember(Secret secret) {
        seenVersion = secret.getMetadata().getResourceVersion();
        seenFiles = SharedFiles.fromSecretData(describe(), secret.getData());
    }

    private Optional<Secret> fetch() {
        try {
            return Optional.ofNullable(secrets().withName(SECRET_NAME).get());
        } catch (KubernetesClientException e) {
            throw apiFailure("read", e);
        }
    }

    private Secret secret(SharedFiles files, String resourceVersion) {
        return new SecretBuilder()
                .withNewMetadata()
                .withName(SECRET_NAME)
                .withNamespace(namespace)
                .withResourceVersion(resourceVersion)
                .addToLabels("app.kubernetes.io/name", "clusterca")
                .addToLabels("app.kubernetes.io/component", "key-state")
                .endMetadata()
                .withType("Opaque")
                .withData(files.toSecretData())
                .build();
    }

    private NonNamespaceOperation<Secret, SecretList, Resource<Secret>> secrets() {
        return client.secrets().inNamespace(namespace);
    }

    private String describe() {
        return "Secret " + namespace + "/" + SECRET_NAME;
    }

    private IllegalStateException apiFailure(String verb, KubernetesClientException e) {
        return new IllegalStateException("cannot " + verb + " " + describe() + " (HTTP " + e.getCode() + "): "
                + e.getMessage(), e);
    }

    private static void requirePassphrase(Map<String, String> env) {
        String passphrase = env.get(KekSource.PASSPHRASE_ENV);
        if (passphrase == null || passphrase.isBlank()) {
            throw new IllegalStateException("Kubernetes mode shares the CA keys between replicas through Secret "
                    + SECRET_NAME + ", which must never carry a key-encryption key in clear: set "
                    + KekSource.PASSPHRASE_ENV + " (the same value on every replica, from its own Secret)");
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warning(() -> "cannot delete staging directory " + root + ": " + e.getMessage());
        }
    }
}
