package io.clusterca.kube;

import io.clusterca.ca.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The part of a data dir every replica must hold identically: the CA certificates ({@code ca/*.crt}), the KEK
 * ring ({@code kek/current}, {@code kek/v<N>.kek}), the sealed keys ({@code keys/*.key}) and the
 * service-account key ring ({@code sa/keyring.json}), keyed by path relative to the data dir. Nothing else of
 * the data dir (ledger, tokens, locks, temp files) belongs to it.
 *
 * <p>As Secret data each file sits under its relative path with {@code /} spelled {@code __}
 * ({@code ca__kubernetes-ca.crt}), the only change that makes every such path a valid Secret key. Both
 * directions refuse a KEK in clear and anything holding a {@code PRIVATE KEY} PEM block, so a Secret can only
 * ever carry sealed material and passphrase-derived KEK metadata.
 */
final class SharedFiles {
    private static final String SEPARATOR = "__";

    /** One kind of shared file: where it lives, which names belong to it, its mode, and when it is written. */
    private enum Kind {
        // Declared in write order: a KEK before the pointer naming it, keys before the CA certificates and the
        // ring that name them, so a replica reading while an import runs never finds a reference to a missing file.
        KEK_VERSION("kek", Pattern.compile("kek/v[1-9][0-9]{0,8}\\.kek"), AtomicFiles.OWNER_ONLY),
        KEK_POINTER("kek", Pattern.compile("kek/current"), AtomicFiles.OWNER_ONLY),
        SEALED_KEY("keys", Pattern.compile("keys/(?:[0-9a-f]{2})+\\.key"), AtomicFiles.OWNER_ONLY),
        CA_CERTIFICATE("ca", Pattern.compile("ca/[a-z0-9][a-z0-9-]{0,62}\\.crt"), AtomicFiles.WORLD_READABLE),
        SA_KEY_RING("sa", Pattern.compile("sa/keyring\\.json"), AtomicFiles.OWNER_ONLY);

        final String dir;
        final Pattern path;
        final Set<PosixFilePermission> mode;

        Kind(String dir, Pattern path, Set<PosixFilePermission> mode) {
            this.dir = dir;
            this.path = path;
            this.mode = mode;
        }

        static Optional<Kind> of(String relativePath) {
            return Arrays.stream(values()).filter(k -> k.path.matcher(relativePath).matches()).findFirst();
        }
    }

    private static final Comparator<String> WRITE_ORDER = Comparator
            .comparing((String path) -> Kind.of(path).orElseThrow().ordinal())
            .thenComparing(Comparator.naturalOrder());

    /** Relative path to content, in write order. */
    private final SortedMap<String, byte[]> files;

    private SharedFiles(Map<String, byte[]> files) {
        SortedMap<String, byte[]> sorted = new TreeMap<>(WRITE_ORDER);
        files.forEach((path, content) -> sorted.put(path, content.clone()));
        this.files = sorted;
    }

    /** The shared files in {@code dataDir} as they are (not checked: see {@link #toSecretData()}). */
    static SharedFiles read(Path dataDir) {
        Map<String, byte[]> found = new LinkedHashMap<>();
        for (String dir : Arrays.stream(Kind.values()).map(k -> k.dir).distinct().toList()) {
            for (Path file : list(dataDir.resolve(dir))) {
                String relative = dir + "/" + file.getFileName();
                if (Kind.of(relative).isPresent() && Files.isRegularFile(file)) {
                    readIfPresent(file).ifPresent(bytes -> found.put(relative, bytes));
                }
            }
        }
        return new SharedFiles(found);
    }

    /**
     * The files a Secret's data holds.
     *
     * @throws IllegalStateException when a key is not a shared file's name, or a value is not safe to hold
     */
    static SharedFiles fromSecretData(String secret, Map<String, String> data) {
        Map<String, byte[]> decoded = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : (data == null ? Map.<String, String>of() : data).entrySet()) {
            String relative = e.getKey().replace(SEPARATOR, "/");
            if (Kind.of(relative).isEmpty()) {
                throw new IllegalStateException("Secret " + secret + ": key '" + e.getKey()
                        + "' is not a shared key-state file; refusing to import any of it");
            }
            try {
                decoded.put(relative, Base64.getDecoder().decode(e.getValue()));
            } catch (IllegalArgumentException bad) {
                throw new IllegalStateException("Secret " + secret + ": key '" + e.getKey() + "' is not base64");
            }
        }
        SharedFiles files = new SharedFiles(decoded);
        files.requireShareable("Secret " + secret);
        return files;
    }

    /**
     * The files as Secret data.
     *
     * @throws IllegalStateException when a file may not leave the node (a KEK in clear, a PEM private key) or the
     *                               KEK ring is incomplete
     */
    Map<String, String> toSecretData() {
        requireShareable("data dir");
        Map<String, String> data = new LinkedHashMap<>();
        files.forEach((path, content) -> data.put(path.replace("/", SEPARATOR), Base64.getEncoder().encodeToString(content)));
        return data;
    }

    /**
     * Makes the shared files of {@code dataDir} equal to these: writes each file whose content differs (atomically,
     * in dependency order, with its store's mode), then deletes the shared files these do not hold.
     *
     * @return whether anything on disk changed
     */
    boolean writeTo(Path dataDir) {
        AtomicFiles.privateDirectory(dataDir);
        SharedFiles onDisk = read(dataDir);
        boolean changed = false;
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            byte[] current = onDisk.files.get(e.getKey());
            if (current == null || !Arrays.equals(current, e.getValue())) {
                Kind kind = Kind.of(e.getKey()).orElseThrow();
                if (kind.mode.equals(AtomicFiles.OWNER_ONLY)) {
                    AtomicFiles.privateDirectory(dataDir.resolve(kind.dir));
                }
                AtomicFiles.write(dataDir.resolve(e.getKey()), e.getValue(), kind.mode);
                changed = true;
            }
        }
        List<String> stale = new ArrayList<>(onDisk.files.keySet());
        stale.removeAll(files.keySet());
        for (String path : stale) {
            delete(dataDir.resolve(path));
            changed = true;
        }
        return changed;
    }

    boolean isEmpty() {
        return files.isEmpty();
    }

    Set<String> paths() {
        return Set.copyOf(files.keySet());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SharedFiles other) || !files.keySet().equals(other.files.keySet())) {
            return false;
        }
        return files.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), other.files.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return files.keySet().hashCode();
    }

    @Override
    public String toString() {
        return "SharedFiles" + files.keySet();
    }

    private void requireShareable(String where) {
        if (!files.containsKey("kek/current")) {
            throw new IllegalStateException(where + ": no kek/current; the key state is incomplete");
        }
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            String text = new String(e.getValue(), StandardCharsets.ISO_8859_1);
            if (text.contains("PRIVATE KEY")) {
                throw new IllegalStateException(where + ": " + e.getKey() + " holds a PEM private key in clear; refusing to share it");
            }
            if (Kind.of(e.getKey()).orElseThrow() == Kind.KEK_VERSION && !isPassphraseDerived(text)) {
                throw new IllegalStateException(where + ": " + e.getKey() + " is not a passphrase-derived KEK (a KEK "
                        + "stored in clear, created without " + "CLUSTERCA_KEK_PASSPHRASE); a Secret must never carry it. "
                        + "With the passphrase set, run 'clusterca keys rotate-kek' then 'clusterca keys rewrap' first");
            }
        }
    }

    /** A derived KEK file holds only salt, Argon2 parameters and a check value; a random one holds its key. */
    private static boolean isPassphraseDerived(String kekFile) {
        List<String> lines = kekFile.lines().toList();
        return lines.contains("kind argon2id") && lines.stream().noneMatch(l -> l.startsWith("key "));
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static Optional<byte[]> readIfPresent(Path file) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
        AtomicFiles.fsyncDirectory(file.getParent());
    }
}
