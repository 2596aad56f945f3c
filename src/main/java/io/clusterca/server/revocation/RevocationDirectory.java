package io.clusterca.server.revocation;

import io.clusterca.ca.revocation.RevocationRegistry;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.lang.System.Logger.Level;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Keeps the registry in step with {@code <data-dir>/revocations/*.yaml} (and {@code *.yml}) when no
 * Kubernetes API is configured. Each file is one registry source, replaced as a whole. A file that does
 * not parse or validate is reported and skipped, and the rules it had in force stay in force: a typo
 * must not lift a revocation. A deleted file takes its rules with it.
 *
 * <p>{@link #reload()} is meant to run every second on a worker thread: unchanged files cost one
 * {@code stat}. A file whose modification time is too close to when it was last read to trust (an
 * edit within the file system's timestamp granularity keeps mtime and maybe size) is hashed again until
 * it settles. Hidden files (editor swap files, {@code ..data} of a mounted ConfigMap) are ignored;
 * symbolic links are followed, so a ConfigMap mounted as this directory works.
 */
public final class RevocationDirectory {
    public static final String SOURCE_PREFIX = "file:";
    static final long MAX_FILE_BYTES = 4L << 20;
    /** Coarser than any file system's mtime granularity we care about (ext4/xfs: ns; FAT: 2 s). */
    private static final Duration RACY_WINDOW = Duration.ofSeconds(2);
    private static final System.Logger LOG = System.getLogger(RevocationDirectory.class.getName());

    private final Path directory;
    private final RevocationRegistry registry;
    private final RenewRevocationYaml yaml;
    private final Clock clock;
    private final Map<String, Known> known = new HashMap<>();
    private volatile List<DirectoryProblem> problems = List.of();
    private Optional<DirectoryProblem> directoryProblem = Optional.empty();

    public RevocationDirectory(Path directory, RevocationRegistry registry, KubernetesSerialization serialization,
                               Clock clock) {
        this.directory = Objects.requireNonNull(directory);
        this.registry = Objects.requireNonNull(registry);
        this.yaml = new RenewRevocationYaml(serialization);
        this.clock = Objects.requireNonNull(clock);
    }

    /** The directory {@code <dataDir>/revocations}. */
    public static RevocationDirectory inDataDir(Path dataDir, RevocationRegistry registry) {
        return new RevocationDirectory(dataDir.resolve("revocations"), registry, new KubernetesSerialization(),
                Clock.systemUTC());
    }

    public Path directory() {
        return directory;
    }

    /** Files currently not in force as written; empty when all is well. */
    public List<DirectoryProblem> problems() {
        return problems;
    }

    /** Brings the registry in line with the directory. Idempotent; blocking file I/O. */
    public synchronized ReloadResult reload() {
        Instant scan = clock.instant();
        Optional<Map<String, Path>> listing = list();
        if (listing.isEmpty()) {
            // Unreadable directory: change nothing, least of all lift revocations.
            return new ReloadResult(List.of(), List.of(), problems);
        }
        List<Path> applied = new ArrayList<>();
        List<Path> removed = new ArrayList<>();
        for (Map.Entry<String, Path> e : listing.get().entrySet()) {
            if (refresh(e.getKey(), e.getValue(), scan)) {
                applied.add(e.getValue());
            }
        }
        for (String name : List.copyOf(known.keySet())) {
            if (!listing.get().containsKey(name)) {
                known.remove(name);
                if (registry.removeSource(SOURCE_PREFIX + name)) {
                    removed.add(directory.resolve(name));
                    LOG.log(Level.INFO, "revocations file {0} removed; its rules are lifted", directory.resolve(name));
                }
            }
        }
        problems = currentProblems();
        return new ReloadResult(applied, removed, problems);
    }

    private List<DirectoryProblem> currentProblems() {
        List<DirectoryProblem> all = new ArrayList<>();
        directoryProblem.ifPresent(all::add);
        new TreeMap<>(known).values().forEach(k -> k.problem.ifPresent(all::add));
        return List.copyOf(all);
    }

    /** The *.yaml / *.yml files by name, or empty when the directory cannot be read. */
    private Optional<Map<String, Path>> list() {
        Map<String, Path> files = new TreeMap<>();
        if (!Files.exists(directory)) {
            directoryProblem = Optional.empty();
            return Optional.of(files);
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(p)) {
                    files.put(name, p);
                }
            }
            directoryProblem = Optional.empty();
            return Optional.of(files);
        } catch (IOException e) {
            DirectoryProblem problem = new DirectoryProblem(directory, "cannot list the directory: " + e);
            if (!directoryProblem.equals(Optional.of(problem))) {
                LOG.log(Level.WARNING, problem.toString());
            }
            directoryProblem = Optional.of(problem);
            problems = currentProblems();
            return Optional.empty();
        }
    }

    /** Re-reads one file if it may have changed; returns whether its rules were (re)applied. */
    private boolean refresh(String name, Path file, Instant scan) {
        Known before = known.get(name);
        Fingerprint fingerprint;
        try {
            fingerprint = Fingerprint.of(file);
        } catch (NoSuchFileException e) {
            return false; // deleted between listing and stat; the next reload removes it
        } catch (IOException e) {
            keepWithProblem(name, before, file, "cannot read: " + e);
            return false;
        }
        if (before != null && before.fingerprint.equals(fingerprint) && !before.racy(RACY_WINDOW)) {
            return false;
        }
        if (fingerprint.size > MAX_FILE_BYTES) {
            keepWithProblem(name, before, file, "larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
            return false;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            keepWithProblem(name, before, file, "cannot read: " + e);
            return false;
        }
        byte[] hash = sha256(bytes);
        if (before != null && Arrays.equals(before.hash, hash)) {
            known.put(name, new Known(fingerprint, hash, scan, before.problem));
            return false;
        }
        Optional<String> text = utf8(bytes);
        RenewRevocationYaml.Content content = text.map(t -> yaml.read(t, name))
                .orElseGet(() -> new RenewRevocationYaml.Content(List.of(), List.of("not UTF-8 text")));
        if (!content.valid()) {
            String reason = String.join("; ", content.problems());
            DirectoryProblem problem = new DirectoryProblem(file, reason);
            known.put(name, new Known(fingerprint, hash, scan, Optional.of(problem)));
            LOG.log(Level.WARNING, "revocations file {0} ignored ({1}): {2}", file,
                    registry.source(SOURCE_PREFIX + name).isPresent() ? "its previous rules stay in force"
                            : "no rules from it are in force", reason);
            return false;
        }
        known.put(name, new Known(fingerprint, hash, scan, Optional.empty()));
        boolean changed = registry.replaceSource(SOURCE_PREFIX + name, content.rules());
        if (changed) {
            LOG.log(Level.INFO, "revocations file {0}: {1} rules in force", file, content.rules().size());
        }
        return changed;
    }

    /**
     * Records a problem without touching the file's rules. Fingerprint and hash are forgotten, so the next
     * reload reads and parses the file afresh, and a recovered file loses the problem.
     */
    private void keepWithProblem(String name, Known before, Path file, String reason) {
        DirectoryProblem problem = new DirectoryProblem(file, reason);
        if (before == null || !before.problem.equals(Optional.of(problem))) {
            LOG.log(Level.WARNING, "revocations file {0}: {1}", file, reason);
        }
        known.put(name, new Known(Fingerprint.UNREAD, new byte[0], Instant.EPOCH, Optional.of(problem)));
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What stat says about a file; a rewrite changes at least one of these, mtime granularity permitting. */
    private record Fingerprint(FileTime modified, long size, Object fileKey) {
        static final Fingerprint UNREAD = new Fingerprint(FileTime.fromMillis(0), -1, null);

        static Fingerprint of(Path file) throws IOException {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Fingerprint(a.lastModifiedTime(), a.size(), a.fileKey());
        }
    }

    /** The last state read from a file: what it looked like, its content hash, and its problem if any. */
    private record Known(Fingerprint fingerprint, byte[] hash, Instant readAt, Optional<DirectoryProblem> problem) {
        /** Modified so close to when we read it that a later edit could share its mtime. */
        boolean racy(Duration window) {
            return !fingerprint.modified().toInstant().isBefore(readAt.minus(window));
        }
    }
}
