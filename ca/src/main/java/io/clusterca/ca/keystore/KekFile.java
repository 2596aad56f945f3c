package io.clusterca.ca.keystore;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One KEK version as stored in {@code kek/v<N>.kek} (mode 0600), a small text file:
 *
 * <pre>
 * clusterca-kek 1
 * version 3
 * created 2026-11-22T10:00:00Z
 * kind random            | kind argon2id
 * key &lt;base64&gt;          | salt &lt;base64&gt;, memory-kib N, iterations N, parallelism N, check &lt;base64&gt;
 * </pre>
 *
 * A random KEK holds its 256-bit key; a derived one holds only what is needed to re-derive it from
 * the passphrase and a key-check value that tells a wrong passphrase from a tampered key file.
 */
sealed interface KekFile permits KekFile.Random, KekFile.Derived {
    String HEADER = "clusterca-kek 1";

    int version();

    Instant created();

    record Random(int version, Instant created, byte[] key) implements KekFile {
        @Override
        public String toString() {
            return "KekFile.Random[version=" + version + "]";
        }
    }

    record Derived(int version, Instant created, Argon2Params params, byte[] salt, byte[] check) implements KekFile {}

    default byte[] encode() {
        Base64.Encoder b64 = Base64.getEncoder();
        StringBuilder sb = new StringBuilder()
                .append(HEADER).append('\n')
                .append("version ").append(version()).append('\n')
                .append("created ").append(created()).append('\n');
        if (this instanceof Random r) {
            sb.append("kind random\n").append("key ").append(b64.encodeToString(r.key())).append('\n');
        } else if (this instanceof Derived d) {
            sb.append("kind argon2id\n")
                    .append("salt ").append(b64.encodeToString(d.salt())).append('\n')
                    .append("memory-kib ").append(d.params().memoryKiB()).append('\n')
                    .append("iterations ").append(d.params().iterations()).append('\n')
                    .append("parallelism ").append(d.params().parallelism()).append('\n')
                    .append("check ").append(b64.encodeToString(d.check())).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @param fileVersion the version the file name claims; a file whose content says otherwise was
     *                    renamed and is refused
     */
    static KekFile parse(byte[] bytes, int fileVersion) {
        String where = "KEK version " + fileVersion + ": ";
        String[] lines = new String(bytes, StandardCharsets.US_ASCII).split("\n");
        if (!lines[0].equals(HEADER)) {
            throw new SealedKeyException(where + "not a KEK file (expected '" + HEADER + "' header)");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            int space = line.indexOf(' ');
            if (space <= 0 || fields.putIfAbsent(line.substring(0, space), line.substring(space + 1)) != null) {
                throw new SealedKeyException(where + "malformed KEK file at line " + (i + 1));
            }
        }
        try {
            int version = Integer.parseInt(required(fields, "version", where));
            if (version != fileVersion) {
                throw new SealedKeyException(where + "file declares version " + version + " (renamed KEK file?)");
            }
            Instant created = Instant.parse(required(fields, "created", where));
            Base64.Decoder b64 = Base64.getDecoder();
            String kind = required(fields, "kind", where);
            return switch (kind) {
                case "random" -> new Random(version, created, b64.decode(required(fields, "key", where)));
                case "argon2id" -> new Derived(version, created,
                        new Argon2Params(Integer.parseInt(required(fields, "memory-kib", where)),
                                Integer.parseInt(required(fields, "iterations", where)),
                                Integer.parseInt(required(fields, "parallelism", where))),
                        b64.decode(required(fields, "salt", where)),
                        b64.decode(required(fields, "check", where)));
                default -> throw new SealedKeyException(where + "unknown KEK kind '" + kind + "'");
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new SealedKeyException(where + "malformed KEK file (" + e.getClass().getSimpleName() + ")");
        } catch (IllegalArgumentException e) {
            // Base64 and Argon2Params report IllegalArgumentException; their messages carry no secrets.
            throw new SealedKeyException(where + "malformed KEK file: " + e.getMessage());
        }
    }

    private static String required(Map<String, String> fields, String name, String where) {
        String value = fields.get(name);
        if (value == null) {
            throw new SealedKeyException(where + "malformed KEK file: missing '" + name + "'");
        }
        return value;
    }
}
