package io.clusterca.ca.keystore;

import io.clusterca.ca.crypto.Crypto;
import io.clusterca.ca.events.Event;
import io.clusterca.ca.events.EventSink;
import io.clusterca.ca.events.EventType;
import io.clusterca.ca.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The production {@link KeyVault}: every private key envelope-encrypted under {@code <data-dir>/keys/},
 * its DEK wrapped by a versioned KEK from {@code <data-dir>/kek/} (see {@link SealedKeyFile},
 * {@link KekRing}). No key touches the data dir in clear.
 *
 * <p>Several processes may share the data dir (the server and the CLI): every mutation holds the
 * {@link MutationLock}; reads take no lock and always read the files, so one process sees another's
 * keys and KEK rotations immediately. Every step of rotation and re-wrap is an atomic file write, and
 * an old KEK is deleted only after every key was verified to decrypt under the current one, so a crash
 * at any point leaves every key readable. Blocking (disk, and an Argon2 derivation the first time a
 * passphrase-derived KEK is used): call from a worker thread. Thread-safe; use one instance per data
 * dir per process (file locks belong to the JVM, see {@link MutationLock}).
 */
public final class SealedKeyStore implements KeyVault {
    public static final Duration DEFAULT_KEK_ROTATION_PERIOD = Duration.ofDays(30);

    private static final String KEYS_DIR = "keys";
    private static final String KEK_DIR = "kek";
    private static final String LOCK_FILE = ".lock";
    private static final int MAX_READ_ATTEMPTS = 3;

    private final Path keysDir;
    private final KekRing ring;
    private final MutationLock lock;
    private final EventSink events;
    private final Duration kekRotationPeriod;
    private final Checkpoints checkpoints;

    private SealedKeyStore(Path keysDir, KekRing ring, EventSink events, Duration kekRotationPeriod, Checkpoints checkpoints) {
        this.keysDir = keysDir;
        this.ring = ring;
        this.lock = new MutationLock(keysDir.resolve(LOCK_FILE));
        this.events = events;
        this.kekRotationPeriod = kekRotationPeriod;
        this.checkpoints = checkpoints;
    }

    /** Opens (creating when new) the store in {@code dataDir}, rotating KEKs every 30 days. */
    public static SealedKeyStore open(Path dataDir, KekSource kekSource, EventSink events, Clock clock) {
        return open(dataDir, kekSource, events, clock, DEFAULT_KEK_ROTATION_PERIOD);
    }

    /**
     * Opens (creating when new) the store in {@code dataDir}. A new store gets KEK version 1 created at
     * {@code clock.instant()}. The current KEK is unlocked at once, so a wrong passphrase fails here.
     *
     * @param kekRotationPeriod age at which {@link #needsKekRotation} turns true
     */
    public static SealedKeyStore open(Path dataDir, KekSource kekSource, EventSink events, Clock clock, Duration kekRotationPeriod) {
        return open(dataDir, kekSource, events, clock, kekRotationPeriod, Checkpoints.NONE);
    }

    static SealedKeyStore open(Path dataDir, KekSource kekSource, EventSink events, Clock clock, Duration kekRotationPeriod,
                               Checkpoints checkpoints) {
        if (kekRotationPeriod.isNegative() || kekRotationPeriod.isZero()) {
            throw new IllegalArgumentException("KEK rotation period must be positive, got " + kekRotationPeriod);
        }
        Path root = AtomicFiles.privateDirectory(dataDir.toAbsolutePath().normalize());
        Path keysDir = ownerOnlyDirectory(root.resolve(KEYS_DIR));
        Path kekDir = ownerOnlyDirectory(root.resolve(KEK_DIR));
        SealedKeyStore store = new SealedKeyStore(keysDir, new KekRing(kekDir, kekSource), events, kekRotationPeriod, checkpoints);
        store.ensureCurrentKek(clock.instant());
        return store;
    }

    @Override
    public void put(String id, PrivateKey key) {
        Path file = keyFile(id);
        byte[] pkcs8 = pkcs8(id, key);
        try {
            lock.run(() -> AtomicFiles.write(file, Envelope.seal(id, pkcs8, ring.current()).encode(), AtomicFiles.OWNER_ONLY));
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /**
     * @throws SealedKeyException when the stored key cannot be authenticated or decrypted
     */
    @Override
    public Optional<PrivateKey> get(String id) {
        Path file = keyFile(id);
        Optional<SealedKeyFile> sealed = read(id, file);
        for (int attempt = 1; sealed.isPresent(); attempt++) {
            Kek kek;
            try {
                kek = ring.load(sealed.get().kekVersion());
            } catch (SealedKeyException.MissingKek missing) {
                // Another process may have re-wrapped this key and deleted its old KEK since we read it.
                Optional<SealedKeyFile> reread = read(id, file);
                boolean rewrapped = reread.isPresent() && reread.get().kekVersion() != missing.version();
                if (reread.isPresent() && (!rewrapped || attempt >= MAX_READ_ATTEMPTS)) {
                    throw new SealedKeyException("key " + id + ": " + missing.getMessage());
                }
                sealed = reread;
                continue;
            }
            byte[] pkcs8 = Envelope.open(sealed.get(), kek);
            try {
                return Optional.of(privateKey(id, pkcs8));
            } finally {
                Arrays.fill(pkcs8, (byte) 0);
            }
        }
        return Optional.empty();
    }

    @Override
    public Set<String> ids() {
        try (Stream<Path> files = Files.list(keysDir)) {
            SortedSet<String> ids = new TreeSet<>();
            files.map(p -> KeyFileNames.id(p.getFileName().toString())).flatMap(Optional::stream).forEach(ids::add);
            return Collections.unmodifiableSortedSet(ids);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + keysDir, e);
        }
    }

    @Override
    public void delete(String id) {
        Path file = keyFile(id);
        lock.run(() -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + file, e);
            }
            AtomicFiles.fsyncDirectory(keysDir);
        });
    }

    /**
     * Adds a KEK version created at {@code now} and makes it current: keys stored from now on are
     * wrapped with it; existing keys stay readable with their older KEK until {@link #rewrap()}.
     * Publishes {@link EventType#KEK_ROTATED} with {@code kekVersion}.
     *
     * @return the new current KEK version
     */
    public int rotateKek(Instant now) {
        int version = lock.call(() -> {
            Kek fresh = ring.createNext(now);
            checkpoints.reached(Checkpoints.Point.KEK_FILE_WRITTEN);
            ring.makeCurrent(fresh.version());
            checkpoints.reached(Checkpoints.Point.KEK_MADE_CURRENT);
            return fresh.version();
        });
        events.publish(Event.of(EventType.KEK_ROTATED, now, null, Map.of("kekVersion", version)));
        return version;
    }

    /** True once the current KEK is at least the rotation period (default 30 days) old at {@code now}. */
    public boolean needsKekRotation(Instant now) {
        return !now.isBefore(ring.current().created().plus(kekRotationPeriod));
    }

    /**
     * Moves every DEK to the current KEK, then deletes the KEK versions no key needs any more. Only
     * the wrapped DEK of each key is rewritten (the key's ciphertext and DEK stay as they are). Old KEKs
     * are deleted only after every key file was re-read and decrypted under the current KEK; if any key
     * fails, nothing is deleted and the failure names the key.
     */
    public RewrapSummary rewrap() {
        return lock.call(() -> {
            Kek current = ring.current();
            int rewrapped = 0;
            for (String id : ids()) {
                Path file = keyFile(id);
                Optional<SealedKeyFile> sealed = read(id, file).filter(f -> f.kekVersion() != current.version());
                if (sealed.isPresent()) {
                    Kek old = kekFor(id, sealed.get().kekVersion());
                    AtomicFiles.write(file, Envelope.rewrap(sealed.get(), old, current).encode(), AtomicFiles.OWNER_ONLY);
                    rewrapped++;
                    checkpoints.reached(Checkpoints.Point.KEY_REWRAPPED);
                }
            }
            int verified = verifyAllUnder(current);
            checkpoints.reached(Checkpoints.Point.KEYS_VERIFIED);
            SortedSet<Integer> removed = new TreeSet<>(ring.storedVersions());
            removed.remove(current.version());
            for (int version : removed) {
                ring.delete(version);
                checkpoints.reached(Checkpoints.Point.OLD_KEK_DELETED);
            }
            return new RewrapSummary(current.version(), rewrapped, verified, removed);
        });
    }

    /** Counts and KEK versions for {@code /readyz} and metrics; reads every key header. */
    public KeyStoreStatus status() {
        Kek current = ring.current();
        Set<String> ids = ids();
        Set<Integer> inUse = new TreeSet<>();
        int keys = 0;
        for (String id : ids) {
            Optional<SealedKeyFile> sealed = read(id, keyFile(id));
            if (sealed.isPresent()) {
                keys++;
                inUse.add(sealed.get().kekVersion());
            }
        }
        return new KeyStoreStatus(keys, current.version(), current.created(), inUse, ring.storedVersions());
    }

    private void ensureCurrentKek(Instant now) {
        lock.run(() -> {
            if (ring.currentVersion().isEmpty()) {
                ring.makeCurrent(ring.createNext(now).version());
            } else {
                ring.current();
            }
        });
    }

    private int verifyAllUnder(Kek current) {
        int verified = 0;
        for (String id : ids()) {
            Optional<SealedKeyFile> sealed = read(id, keyFile(id));
            if (sealed.isEmpty()) {
                continue;
            }
            if (sealed.get().kekVersion() != current.version()) {
                throw new SealedKeyException("key " + id + ": still wrapped with KEK version " + sealed.get().kekVersion()
                        + " after re-wrap; no KEK deleted");
            }
            Arrays.fill(Envelope.open(sealed.get(), current), (byte) 0);
            verified++;
        }
        return verified;
    }

    private Kek kekFor(String id, int version) {
        try {
            return ring.load(version);
        } catch (SealedKeyException.MissingKek e) {
            throw new SealedKeyException("key " + id + ": " + e.getMessage());
        }
    }

    private Path keyFile(String id) {
        return keysDir.resolve(KeyFileNames.fileName(id));
    }

    private static Optional<SealedKeyFile> read(String id, Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        SealedKeyFile sealed;
        try {
            sealed = SealedKeyFile.parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new SealedKeyException("key " + id + ": " + e.getMessage() + " (" + file.getFileName() + ")");
        }
        if (!sealed.id().equals(id)) {
            throw new SealedKeyException("key " + id + ": file " + file.getFileName() + " holds key " + sealed.id()
                    + " (moved or swapped file)");
        }
        return Optional.of(sealed);
    }

    private static byte[] pkcs8(String id, PrivateKey key) {
        byte[] encoded = "PKCS#8".equals(key.getFormat()) ? key.getEncoded() : null;
        if (encoded == null) {
            throw new IllegalArgumentException("key " + id + ": " + key.getAlgorithm() + " key is not exportable as PKCS#8");
        }
        return encoded;
    }

    private static PrivateKey privateKey(String id, byte[] pkcs8) {
        try {
            return new JcaPEMKeyConverter().setProvider(Crypto.BC).getPrivateKey(PrivateKeyInfo.getInstance(pkcs8));
        } catch (IOException | RuntimeException e) {
            throw new SealedKeyException("key " + id + ": decrypted data is not a usable PKCS#8 private key");
        }
    }

    private static Path ownerOnlyDirectory(Path dir) {
        AtomicFiles.privateDirectory(dir);
        try {
            // An existing directory may have been created with a looser umask; these hold key material.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict " + dir, e);
        }
        return dir;
    }
}
