package io.clusterca.ca.keystore;

import io.clusterca.ca.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The KEK versions in {@code <data-dir>/kek/}: one immutable file per version ({@code v<N>.kek}) and
 * a {@code current} pointer naming the version new keys are wrapped with. A version file is complete
 * on disk before the pointer names it, and the pointer is replaced atomically, so a crash never
 * leaves the ring pointing at nothing.
 *
 * <p>Files are re-read on every use so another process's rotation is seen at once; an unlocked key is
 * cached per version and reused only while the file's bytes are unchanged (an Argon2 derivation costs
 * 0.15-0.5 s).
 */
final class KekRing {
    static final String CURRENT_FILE = "current";
    private static final Pattern VERSION_FILE = Pattern.compile("v([1-9][0-9]{0,8})\\.kek");

    private final Path dir;
    private final KekSource source;
    private final ConcurrentMap<Integer, Unlocked> unlocked = new ConcurrentHashMap<>();

    private record Unlocked(byte[] fileDigest, Kek kek) {}

    KekRing(Path dir, KekSource source) {
        this.dir = dir;
        this.source = source;
    }

    Path dir() {
        return dir;
    }

    Path file(int version) {
        return dir.resolve("v" + version + ".kek");
    }

    Optional<Integer> currentVersion() {
        String content;
        try {
            content = Files.readString(dir.resolve(CURRENT_FILE), StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(CURRENT_FILE), e);
        }
        try {
            int version = Integer.parseInt(content);
            if (version < 1) {
                throw new NumberFormatException();
            }
            return Optional.of(version);
        } catch (NumberFormatException e) {
            throw new SealedKeyException("KEK ring " + dir + ": malformed current pointer");
        }
    }

    Kek current() {
        int version = currentVersion().orElseThrow(() -> new SealedKeyException("KEK ring " + dir + " has no current KEK"));
        return load(version);
    }

    /** The unlocked KEK of {@code version}; {@link SealedKeyException.MissingKek} when its file is gone. */
    Kek load(int version) {
        Path file = file(version);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            unlocked.remove(version);
            throw new SealedKeyException.MissingKek(version, "KEK version " + version + " is missing (" + file + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try {
            byte[] digest = sha256(bytes);
            Unlocked cached = unlocked.get(version);
            if (cached != null && MessageDigest.isEqual(cached.fileDigest(), digest)) {
                return cached.kek();
            }
            KekFile kekFile = KekFile.parse(bytes, version);
            Kek kek = new Kek(version, kekFile.created(), source.unlock(kekFile));
            unlocked.put(version, new Unlocked(digest, kek));
            return kek;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    SortedSet<Integer> storedVersions() {
        try (Stream<Path> files = Files.list(dir)) {
            SortedSet<Integer> versions = new TreeSet<>();
            files.map(p -> VERSION_FILE.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .forEach(m -> versions.add(Integer.parseInt(m.group(1))));
            return Collections.unmodifiableSortedSet(versions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /**
     * Writes a new version after every version on disk or named by the pointer (never reusing a
     * number, even of a version a crash left unreferenced). It is not current until {@link #makeCurrent}.
     */
    Kek createNext(Instant created) {
        int version = Math.max(storedVersions().stream().max(Integer::compare).orElse(0), currentVersion().orElse(0)) + 1;
        KekSource.Created fresh = source.create(version, created);
        byte[] bytes = fresh.file().encode();
        try {
            AtomicFiles.write(file(version), bytes, AtomicFiles.OWNER_ONLY);
            Kek kek = new Kek(version, created, fresh.key());
            unlocked.put(version, new Unlocked(sha256(bytes), kek));
            return kek;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    void makeCurrent(int version) {
        if (!Files.isRegularFile(file(version))) {
            throw new IllegalStateException("KEK version " + version + " is not stored; refusing to make it current");
        }
        AtomicFiles.writeString(dir.resolve(CURRENT_FILE), version + "\n", AtomicFiles.OWNER_ONLY);
    }

    void delete(int version) {
        try {
            Files.deleteIfExists(file(version));
            unlocked.remove(version);
            AtomicFiles.fsyncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file(version), e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
