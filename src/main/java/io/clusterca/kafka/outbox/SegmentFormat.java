package io.clusterca.kafka.outbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.CRC32C;

/**
 * The on-disk form of outbox records. A segment file {@code <first sequence, 20 digits>.seg} is a
 * run of frames {@code [int bodyLength][body][int crc32c(body)]} with
 * {@code body = [long sequence][long appendedAtMillis][int keyLength or -1][key][value]} (big-endian,
 * UTF-8). The checksum lets recovery tell a torn last frame from a complete one.
 */
final class SegmentFormat {
    static final String SUFFIX = ".seg";
    static final int HEADER = Integer.BYTES;
    static final int TRAILER = Integer.BYTES;
    private static final int FIXED_BODY = Long.BYTES + Long.BYTES + Integer.BYTES;

    private SegmentFormat() {}

    static String fileName(long baseSequence) {
        return String.format("%020d%s", baseSequence, SUFFIX);
    }

    static OptionalLong baseSequence(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(SUFFIX) || name.length() != 20 + SUFFIX.length()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(name.substring(0, 20)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Size of the key and value as stored: what {@link OutboxSettings#maxRecordBytes()} bounds. */
    static int payloadBytes(byte[] key, byte[] value) {
        return (key == null ? 0 : key.length) + value.length;
    }

    static int maxFrameBytes(int maxRecordBytes) {
        return HEADER + FIXED_BODY + maxRecordBytes + TRAILER;
    }

    static ByteBuffer frame(long sequence, Instant appendedAt, byte[] key, byte[] value) {
        int bodyLength = FIXED_BODY + payloadBytes(key, value);
        ByteBuffer frame = ByteBuffer.allocate(HEADER + bodyLength + TRAILER);
        frame.putInt(bodyLength);
        frame.putLong(sequence);
        frame.putLong(appendedAt.toEpochMilli());
        frame.putInt(key == null ? -1 : key.length);
        if (key != null) {
            frame.put(key);
        }
        frame.put(value);
        CRC32C crc = new CRC32C();
        crc.update(frame.array(), HEADER, bodyLength);
        frame.putInt((int) crc.getValue());
        return frame.flip();
    }

    /**
     * Decodes the body of a frame whose length and checksum were already checked.
     *
     * @throws IllegalArgumentException when the body's own fields are inconsistent
     */
    static OutboxRecord decodeBody(ByteBuffer body) {
        long sequence = body.getLong();
        Instant appendedAt = Instant.ofEpochMilli(body.getLong());
        int keyLength = body.getInt();
        if (keyLength < -1 || keyLength > body.remaining()) {
            throw new IllegalArgumentException("bad key length " + keyLength);
        }
        Optional<String> key = Optional.empty();
        if (keyLength >= 0) {
            byte[] keyBytes = new byte[keyLength];
            body.get(keyBytes);
            key = Optional.of(new String(keyBytes, StandardCharsets.UTF_8));
        }
        byte[] value = new byte[body.remaining()];
        body.get(value);
        return new OutboxRecord(sequence, appendedAt, key, new String(value, StandardCharsets.UTF_8));
    }

    static boolean checksumMatches(ByteBuffer frame, int bodyOffset, int bodyLength, int storedCrc) {
        CRC32C crc = new CRC32C();
        crc.update(frame.array(), frame.arrayOffset() + bodyOffset, bodyLength);
        return (int) crc.getValue() == storedCrc;
    }
}
