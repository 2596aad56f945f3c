package io.clusterca.ca.events;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the event journal writes.
 *
 * @param directory     the journal directory ({@code <data-dir>/events})
 * @param maxFileBytes  {@code events.jsonl} is rotated before it would grow past this size
 * @param keepRotated   how many rotated files ({@code events-<time>.jsonl}) are kept; older ones are deleted
 * @param queueCapacity events waiting for the writer thread; beyond it {@code publish} drops and counts
 * @param syncInterval  the longest time a written event may stay unsynced (fsync) to disk
 */
public record JournalSettings(Path directory, long maxFileBytes, int keepRotated, int queueCapacity, Duration syncInterval) {
    public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;
    public static final int DEFAULT_KEEP_ROTATED = 10;
    public static final int DEFAULT_QUEUE_CAPACITY = 65_536;
    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofSeconds(1);

    public JournalSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(syncInterval, "syncInterval");
        if (maxFileBytes < 1024) {
            throw new IllegalArgumentException("journal maxFileBytes must be at least 1024, got " + maxFileBytes);
        }
        if (keepRotated < 0) {
            throw new IllegalArgumentException("journal keepRotated must not be negative, got " + keepRotated);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("journal queueCapacity must be positive, got " + queueCapacity);
        }
        if (syncInterval.isNegative() || syncInterval.isZero()) {
            throw new IllegalArgumentException("journal syncInterval must be positive, got " + syncInterval);
        }
    }

    /** The defaults under {@code <data-dir>/events}: 64 MiB files, 10 rotated kept, fsync at least every second. */
    public static JournalSettings defaults(Path dataDir) {
        return new JournalSettings(dataDir.resolve("events"), DEFAULT_MAX_FILE_BYTES, DEFAULT_KEEP_ROTATED,
                DEFAULT_QUEUE_CAPACITY, DEFAULT_SYNC_INTERVAL);
    }

    public JournalSettings withMaxFileBytes(long bytes) {
        return new JournalSettings(directory, bytes, keepRotated, queueCapacity, syncInterval);
    }

    public JournalSettings withKeepRotated(int files) {
        return new JournalSettings(directory, maxFileBytes, files, queueCapacity, syncInterval);
    }

    public JournalSettings withQueueCapacity(int events) {
        return new JournalSettings(directory, maxFileBytes, keepRotated, events, syncInterval);
    }

    public JournalSettings withSyncInterval(Duration interval) {
        return new JournalSettings(directory, maxFileBytes, keepRotated, queueCapacity, interval);
    }
}
