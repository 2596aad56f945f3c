package io.clusterca.kafka.outbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the outbox keeps its segments and how large it may grow.
 *
 * @param directory      e.g. {@code <data-dir>/outbox/events}
 * @param segmentBytes   a segment file is closed and a new one started past this size
 * @param maxBytes       disk bound for all segments; at least two segments
 * @param maxRecordBytes the largest accepted record (key + value, UTF-8)
 */
public record OutboxSettings(Path directory, long segmentBytes, long maxBytes, int maxRecordBytes) {
    public static final long DEFAULT_SEGMENT_BYTES = 16L * 1024 * 1024;
    public static final long DEFAULT_MAX_BYTES = 1024L * 1024 * 1024;
    /** Below Kafka's default {@code max.request.size} (1 MiB) with room for headers and batching. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 512 * 1024;

    public OutboxSettings {
        Objects.requireNonNull(directory, "directory");
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("outbox maxRecordBytes must be positive, got " + maxRecordBytes);
        }
        if (segmentBytes < maxRecordBytes) {
            throw new IllegalArgumentException("outbox segmentBytes (" + segmentBytes
                    + ") must hold at least one record of maxRecordBytes (" + maxRecordBytes + ")");
        }
        if (maxBytes < 2 * segmentBytes) {
            throw new IllegalArgumentException("outbox maxBytes (" + maxBytes + ") must be at least two segments ("
                    + 2 * segmentBytes + ")");
        }
    }

    public static OutboxSettings defaults(Path directory) {
        return new OutboxSettings(directory, DEFAULT_SEGMENT_BYTES, DEFAULT_MAX_BYTES, DEFAULT_MAX_RECORD_BYTES);
    }
}
