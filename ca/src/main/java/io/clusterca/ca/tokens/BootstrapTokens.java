package io.clusterca.ca.tokens;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.clusterca.ca.crypto.Crypto;
import io.clusterca.ca.policy.Requester;
import io.clusterca.ca.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Bootstrap tokens in Kubernetes' format {@code [a-z0-9]{6}.[a-z0-9]{16}}. Only the id and the
 * SHA-256 of the secret are stored ({@code <data-dir>/tokens/tokens.json}, 0600); the secret is 16
 * random characters from 36 (about 82 bits), so a fast hash is enough and lookups stay cheap.
 * Authentication compares digests in constant time. The CLI and the server share the file:
 * changes are written atomically under a lock, and {@link #reloadIfChanged} picks them up.
 */
public final class BootstrapTokens {
    public static final Pattern FORMAT = Pattern.compile("^([a-z0-9]{6})\\.([a-z0-9]{16})$");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Path file;
    private final Path lockFile;
    private volatile Map<String, StoredToken> tokens = Map.of();
    private volatile FileTime loadedMtime = FileTime.fromMillis(-1);

    /** A token as stored: never the secret itself. */
    public record StoredToken(String id, String secretSha256, Instant expires) {}

    public BootstrapTokens(Path dataDir) {
        Path dir = AtomicFiles.privateDirectory(dataDir.resolve("tokens"));
        this.file = dir.resolve("tokens.json");
        this.lockFile = dir.resolve(".lock");
        reloadIfChanged();
    }

    /** Creates a token valid for {@code ttl}; the only time its secret exists outside the caller. */
    public String create(Duration ttl, Instant now) {
        String id = random(6);
        String secret = random(16);
        withLock(() -> {
            Map<String, StoredToken> current = new LinkedHashMap<>(readFile());
            current.values().removeIf(t -> t.expires().isBefore(now));
            current.put(id, new StoredToken(id, sha256(secret), now.plus(ttl)));
            writeFile(current);
            tokens = Map.copyOf(current);
        });
        return id + "." + secret;
    }

    /** The identity a valid, unexpired token stands for: {@code system:bootstrap:<id>} in {@code system:bootstrappers}. */
    public Optional<Requester> authenticate(String token, Instant now) {
        if (token == null) {
            return Optional.empty();
        }
        var m = FORMAT.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        StoredToken stored = tokens.get(m.group(1));
        if (stored == null || !now.isBefore(stored.expires())) {
            return Optional.empty();
        }
        byte[] presented = sha256(m.group(2)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(presented, stored.secretSha256().getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(new Requester("system:bootstrap:" + stored.id(), Set.of(Requester.BOOTSTRAPPERS_GROUP)));
    }

    /** Re-reads the token file when another process changed it. Returns whether it did. */
    public boolean reloadIfChanged() {
        try {
            FileTime mtime = Files.exists(file) ? Files.getLastModifiedTime(file) : FileTime.fromMillis(0);
            if (mtime.equals(loadedMtime)) {
                return false;
            }
            tokens = Map.copyOf(readFile());
            loadedMtime = mtime;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public int count() {
        return tokens.size();
    }

    private Map<String, StoredToken> readFile() {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            Map<String, Object> json = JSONObjectUtils.parse(Files.readString(file));
            Map<String, StoredToken> out = new LinkedHashMap<>();
            for (Map<String, Object> t : JSONObjectUtils.getJSONObjectArray(json, "tokens")) {
                String id = JSONObjectUtils.getString(t, "id");
                out.put(id, new StoredToken(id, JSONObjectUtils.getString(t, "secretSha256"),
                        Instant.parse(JSONObjectUtils.getString(t, "expires"))));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (ParseException | RuntimeException e) {
            throw new IllegalStateException("token file " + file + " is unreadable: " + e.getMessage(), e);
        }
    }

    private void writeFile(Map<String, StoredToken> all) {
        var list = all.values().stream().map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.id());
            m.put("secretSha256", t.secretSha256());
            m.put("expires", t.expires().toString());
            return m;
        }).toList();
        AtomicFiles.writeString(file, JSONObjectUtils.toJSONString(Map.of("tokens", list)), AtomicFiles.OWNER_ONLY);
    }

    private void withLock(Runnable action) {
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        }
    }

    private static String random(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(Crypto.random().nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
