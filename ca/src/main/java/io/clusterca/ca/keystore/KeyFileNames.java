package io.clusterca.ca.keystore;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps key ids ({@code ca/kubernetes-ca}, {@code sa/<base64url kid>}, {@code serving/current}) to file
 * names and back. The name is the lowercase hex of the id's bytes, so a {@code /}, {@code ..} or
 * case-only difference in an id can never escape the keys directory or collide on a case-insensitive
 * file system.
 */
final class KeyFileNames {
    static final String SUFFIX = ".key";
    /** Hex doubles the length; 120 bytes keeps names under the usual 255-byte limit. */
    static final int MAX_ID_BYTES = 120;

    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern FILE_NAME = Pattern.compile("(?:[0-9a-f]{2})+\\.key");

    private KeyFileNames() {}

    static String fileName(String id) {
        return HEX.formatHex(requireValidId(id).getBytes(StandardCharsets.US_ASCII)) + SUFFIX;
    }

    /** The id a file in the keys directory stands for; empty for temp files and anything else. */
    static Optional<String> id(String fileName) {
        if (!FILE_NAME.matcher(fileName).matches()) {
            return Optional.empty();
        }
        String hex = fileName.substring(0, fileName.length() - SUFFIX.length());
        String id = new String(HEX.parseHex(hex), StandardCharsets.US_ASCII);
        return isValidId(id) ? Optional.of(id) : Optional.empty();
    }

    /** Ids are visible ASCII (no spaces or control characters), so they are safe in messages and logs. */
    static String requireValidId(String id) {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("invalid key id " + (id == null ? "null" : "'" + printable(id) + "'")
                    + ": expected 1-" + MAX_ID_BYTES + " visible ASCII characters");
        }
        return id;
    }

    static boolean isValidId(String id) {
        return id != null && !id.isEmpty() && id.length() <= MAX_ID_BYTES
                && id.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(MAX_ID_BYTES).forEach(c -> sb.append(c >= 0x20 && c <= 0x7e ? (char) c : '?'));
        return sb.toString();
    }
}
