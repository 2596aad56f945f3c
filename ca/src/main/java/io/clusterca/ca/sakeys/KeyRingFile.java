package io.clusterca.ca.sakeys;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.clusterca.ca.crypto.Crypto;
import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code <data-dir>/sa/keyring.json}: the ring's metadata and public keys (never a private key).
 * Written atomically; a file that cannot be read back into a valid ring is reported with its path
 * and the reason, and never overwritten by a reader.
 *
 * <pre>{"version":1,"revision":3,"keys":[{"kid":"...","algorithm":"rsa-2048","state":"active",
 *   "publicKey":"&lt;base64 DER SubjectPublicKeyInfo&gt;","createdAt":"2026-01-01T00:00:00Z",
 *   "activatedAt":"...","notAfter":"..."}]}</pre>
 */
public final class KeyRingFile {
    public static final String FILE_NAME = "keyring.json";
    static final int FORMAT_VERSION = 1;

    private final Path path;

    public KeyRingFile(Path saDir) {
        this.path = saDir.resolve(FILE_NAME);
    }

    public Path path() {
        return path;
    }

    /** The ring on disk; empty when the file does not exist yet. */
    public Optional<KeyRingState> read() {
        String json;
        try {
            json = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        try {
            return Optional.of(decode(json));
        } catch (IllegalArgumentException e) {
            throw new CorruptKeyRingException(path, e.getMessage());
        }
    }

    public void write(KeyRingState ring) {
        AtomicFiles.writeString(path, encode(ring), AtomicFiles.OWNER_ONLY);
    }

    /**
     * Identifies the file's current version without reading it. An atomic replace changes the
     * inode ({@code fileKey}), so a change is seen even when the mtime granularity is coarse.
     */
    public Optional<Stamp> stamp() {
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            return Optional.of(new Stamp(Optional.ofNullable(attrs.fileKey()), attrs.lastModifiedTime(), attrs.size()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + path, e);
        }
    }

    /** What {@link #stamp()} compares. */
    public record Stamp(Optional<Object> fileKey, FileTime modified, long size) {}

    static String encode(KeyRingState ring) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", FORMAT_VERSION);
        root.put("revision", ring.revision());
        List<Object> keys = new ArrayList<>();
        for (SaKey key : ring.keys()) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("kid", key.kid());
            k.put("algorithm", key.algorithm().flag());
            k.put("state", key.state().wireName());
            k.put("publicKey", Base64.getEncoder().encodeToString(key.publicKey().getEncoded()));
            k.put("createdAt", key.createdAt().toString());
            key.activatedAt().ifPresent(t -> k.put("activatedAt", t.toString()));
            key.deactivatedAt().ifPresent(t -> k.put("deactivatedAt", t.toString()));
            key.retiredAt().ifPresent(t -> k.put("retiredAt", t.toString()));
            k.put("notAfter", key.notAfter().toString());
            keys.add(k);
        }
        root.put("keys", keys);
        return JSONObjectUtils.toJSONString(root) + "\n";
    }

    /** @throws IllegalArgumentException with the reason when the text is not a valid ring */
    static KeyRingState decode(String json) {
        try {
            Map<String, Object> root = JSONObjectUtils.parse(json);
            long version = requireLong(root, "version");
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("unsupported format version " + version + " (this build reads " + FORMAT_VERSION + ")");
            }
            long revision = requireLong(root, "revision");
            Map<String, Object>[] entries = JSONObjectUtils.getJSONObjectArray(root, "keys");
            if (entries == null) {
                throw new IllegalArgumentException("missing \"keys\"");
            }
            List<SaKey> keys = new ArrayList<>();
            for (int i = 0; i < entries.length; i++) {
                try {
                    keys.add(decodeKey(entries[i]));
                } catch (IllegalArgumentException | ParseException e) {
                    throw new IllegalArgumentException("keys[" + i + "]: " + e.getMessage());
                }
            }
            return new KeyRingState(revision, keys);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage());
        }
    }

    private static SaKey decodeKey(Map<String, Object> k) throws ParseException {
        String kid = requireString(k, "kid");
        String algorithmName = requireString(k, "algorithm");
        KeyAlgorithm algorithm = KeyAlgorithm.fromFlag(algorithmName)
                .orElseThrow(() -> new IllegalArgumentException("unknown algorithm \"" + algorithmName + "\""));
        String stateName = requireString(k, "state");
        KeyState state = KeyState.fromWireName(stateName)
                .orElseThrow(() -> new IllegalArgumentException("unknown state \"" + stateName + "\""));
        PublicKey publicKey = decodePublicKey(requireString(k, "publicKey"), algorithm);
        return new SaKey(kid, algorithm, state, publicKey, requireInstant(k, "createdAt"), optionalInstant(k, "activatedAt"),
                optionalInstant(k, "deactivatedAt"), optionalInstant(k, "retiredAt"), requireInstant(k, "notAfter"));
    }

    private static PublicKey decodePublicKey(String base64, KeyAlgorithm algorithm) {
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            PublicKey key = KeyFactory.getInstance(algorithm.isRsa() ? "RSA" : "EC", Crypto.BC)
                    .generatePublic(new X509EncodedKeySpec(der));
            if (KeyAlgorithm.of(key).filter(algorithm::equals).isEmpty()) {
                throw new IllegalArgumentException("publicKey is not a " + algorithm.flag() + " key");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("unreadable publicKey: " + e.getMessage());
        }
    }

    private static String requireString(Map<String, Object> o, String name) throws ParseException {
        String value = JSONObjectUtils.getString(o, name);
        if (value == null) {
            throw new IllegalArgumentException("missing \"" + name + "\"");
        }
        return value;
    }

    private static long requireLong(Map<String, Object> o, String name) throws ParseException {
        if (!o.containsKey(name)) {
            throw new IllegalArgumentException("missing \"" + name + "\"");
        }
        return JSONObjectUtils.getLong(o, name);
    }

    private static Instant requireInstant(Map<String, Object> o, String name) throws ParseException {
        return parseInstant(name, requireString(o, name));
    }

    private static Optional<Instant> optionalInstant(Map<String, Object> o, String name) throws ParseException {
        String value = JSONObjectUtils.getString(o, name);
        return value == null ? Optional.empty() : Optional.of(parseInstant(name, value));
    }

    private static Instant parseInstant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + name + "\" is not an ISO-8601 instant: " + value);
        }
    }

    /** {@code keyring.json} exists but does not hold a valid ring. Nothing overwrites it until an operator fixes it. */
    public static final class CorruptKeyRingException extends IllegalStateException {
        public CorruptKeyRingException(Path path, String reason) {
            super(path + " is not a valid service-account key ring: " + reason);
        }
    }
}
