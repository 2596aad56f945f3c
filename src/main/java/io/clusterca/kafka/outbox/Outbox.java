package io.clusterca.kafka.outbox;

import io.clusterca.ca.store.AtomicFiles;
import io.clusterca.ca.store.GroupCommit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A durable local log of records waiting for delivery (to Kafka), so that delivery can be late but
 * never lost and never holds up the caller.
 *
 * <p>{@link #append} returns once the record is fsynced (group commit by a sync thread, see
 * {@link GroupCommit}: concurrent appenders share one fsync). {@link #pending} reads the
 * unacknowledged records in order; {@link #acknowledge} marks a prefix delivered. On disk: segment
 * files {@code <first sequence>.seg} (see {@link SegmentFormat}) and {@code acked}, the last
 * acknowledged sequence, replaced atomically. Segments wholly acknowledged are deleted. On open, a torn last frame (a crash mid-append, never acknowledged to
 * its caller) is cut off and everything unacknowledged is pending again: delivery is at least once.
 *
 * <p>Disk use is bounded by {@link OutboxSettings#maxBytes()}: when a new record would exceed it,
 * the oldest segment is dropped undelivered, counted in {@link OutboxStats#dropped()} and logged. All
 * methods block on disk I/O: call them from worker threads. Thread-safe.
 */
public final class Outbox implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Outbox.class.getName());
    static final String ACK_FILE = "acked";

    private final OutboxSettings settings;
    private final Clock clock;
    private final Path directory;
    private final int maxFrameBytes;

    /** Guards the segment map, the active segment, the append position and updates of syncedSequence. */
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Its sync action takes writeLock: never close it while holding writeLock. */
    private final GroupCommit groupCommit;
    /** Guards the ack file. Order: writeLock, then ackMonitor. */
    private final Object ackMonitor = new Object();

    private final TreeMap<Long, Path> segments = new TreeMap<>();
    private FileChannel active;
    private long activeSize;
    private long nextSequence;
    private long bytes;
    private boolean closed;
    private volatile long writtenSequence;
    private volatile long syncedSequence;
    private volatile long ackedSequence;
    private volatile ReadPosition readHint;
    private final AtomicLong dropped = new AtomicLong();
    private boolean warnedNearlyFull;

    /** Where the next unacknowledged read continues, so reading a long backlog is linear. */
    private record ReadPosition(long nextSequence, long segmentBase, long offset) {}

    private Outbox(OutboxSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.directory = settings.directory();
        this.maxFrameBytes = SegmentFormat.maxFrameBytes(settings.maxRecordBytes());
        this.groupCommit = new GroupCommit("clusterca-outbox-sync", "the outbox in " + directory, this::syncWritten);
    }

    /** Opens the outbox in its directory, recovering what a previous run left. */
    public static Outbox open(OutboxSettings settings, Clock clock) {
        Outbox outbox = new Outbox(settings, clock);
        try {
            outbox.recover();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the outbox in " + settings.directory(), e);
        }
        return outbox;
    }

    public static Outbox open(Path directory) {
        return open(OutboxSettings.defaults(directory), Clock.systemUTC());
    }

    /**
     * Durably appends a record and returns its sequence. Returns only after fsync.
     *
     * @throws IllegalArgumentException when key and value exceed {@link OutboxSettings#maxRecordBytes()}
     * @throws UncheckedIOException     when the disk refuses the write (nothing partial is left behind)
     */
    public long append(Optional<String> key, String value) {
        byte[] keyBytes = key.map(k -> k.getBytes(StandardCharsets.UTF_8)).orElse(null);
        byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
        int payload = SegmentFormat.payloadBytes(keyBytes, valueBytes);
        if (payload > settings.maxRecordBytes()) {
            throw new IllegalArgumentException("outbox record of " + payload + " bytes exceeds the limit of "
                    + settings.maxRecordBytes() + " bytes");
        }
        long sequence;
        writeLock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("outbox " + directory + " is closed");
            }
            sequence = nextSequence;
            ByteBuffer frame = SegmentFormat.frame(sequence, clock.instant(), keyBytes, valueBytes);
            if (activeSize > 0 && activeSize + frame.remaining() > settings.segmentBytes()) {
                roll();
            }
            keepUnderBound(frame.remaining());
            writeFully(frame);
            nextSequence++;
            writtenSequence = sequence;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the outbox in " + directory, e);
        } finally {
            writeLock.unlock();
        }
        syncUpTo(sequence);
        return sequence;
    }

    /**
     * Up to {@code max} unacknowledged records, oldest first. Only records whose {@link #append} has
     * returned (or is about to, being synced) are visible.
     */
    public List<OutboxRecord> pending(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, got " + max);
        }
        for (int attempt = 0; ; attempt++) {
            try {
                return read(ackedSequence + 1, syncedSequence, max);
            } catch (NoSuchFileException e) {
                // The segment was dropped (over the disk bound) or acknowledged while we read: start again.
                if (attempt >= 3) {
                    throw new UncheckedIOException("outbox segments keep disappearing in " + directory, e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the outbox in " + directory, e);
            }
        }
    }

    /**
     * Marks every record up to {@code sequence} delivered: they are never returned by {@link #pending}
     * again, and their segments are deleted once wholly acknowledged. Lower or repeated values are ignored.
     */
    public void acknowledge(long sequence) {
        long upTo = Math.min(sequence, syncedSequence);
        if (upTo <= ackedSequence) {
            return;
        }
        writeAck(upTo);
        writeLock.lock();
        try {
            deleteAcknowledgedSegments();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "outbox cannot delete delivered segments in " + directory + ": " + e);
        } finally {
            writeLock.unlock();
        }
    }

    public long pendingCount() {
        return syncedSequence - ackedSequence;
    }

    public OutboxStats stats() {
        writeLock.lock();
        try {
            return new OutboxStats(pendingCount(), bytes, settings.maxBytes(), dropped.get(), syncedSequence, ackedSequence);
        } finally {
            writeLock.unlock();
        }
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true; // no appends from here on
        } finally {
            writeLock.unlock();
        }
        groupCommit.close(); // outside writeLock, which its last syncs take
        writeLock.lock();
        try {
            active.force(false);
            active.close();
            syncedSequence = writtenSequence;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "outbox close failed in " + directory + ": " + e);
        } finally {
            writeLock.unlock();
        }
    }

    // ---- appending -----------------------------------------------------------------------------

    private void writeFully(ByteBuffer frame) throws IOException {
        long before = activeSize;
        try {
            while (frame.hasRemaining()) {
                activeSize += active.write(frame, activeSize);
            }
            bytes += activeSize - before;
        } catch (IOException e) {
            // Cut a partial frame off, or the next append would follow garbage and recovery would drop it.
            active.truncate(before);
            activeSize = before;
            throw e;
        }
    }

    /** Returns once the record at {@code sequence} is fsynced, sharing the fsync with concurrent appenders. */
    private void syncUpTo(long sequence) {
        if (syncedSequence >= sequence) {
            return;
        }
        try {
            groupCommit.awaitDurable();
        } catch (IllegalStateException closing) {
            // Our record was written before close() began, but its sync thread is gone: sync it here.
            // (close() forces the active segment before closing it, so a closed channel means done.)
            try {
                syncWritten();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot fsync the outbox in " + directory, e);
            }
        }
    }

    /** The group commit's sync: forces everything written so far and records it as synced. */
    private void syncWritten() throws IOException {
        long target;
        FileChannel channel;
        writeLock.lock();
        try {
            target = writtenSequence;
            channel = active;
        } finally {
            writeLock.unlock();
        }
        try {
            channel.force(false);
        } catch (ClosedChannelException rolledOrClosed) {
            // roll() and close() force a segment before closing it: everything up to target is on disk.
        }
        writeLock.lock();
        try {
            syncedSequence = Math.max(syncedSequence, target); // close() may have set it further already
        } finally {
            writeLock.unlock();
        }
    }

    /** Closes the active segment (durably) and starts a new one at {@link #nextSequence}. Under writeLock. */
    private void roll() throws IOException {
        active.force(false);
        active.close();
        openSegment(nextSequence);
    }

    private void openSegment(long base) throws IOException {
        Path path = directory.resolve(SegmentFormat.fileName(base));
        if (!Files.exists(path)) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(AtomicFiles.OWNER_ONLY));
        }
        active = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        activeSize = active.size();
        segments.put(base, path);
        AtomicFiles.fsyncDirectory(directory);
    }

    /** Drops the oldest segments, undelivered, until {@code frameBytes} more fit the bound. Under writeLock. */
    private void keepUnderBound(int frameBytes) throws IOException {
        if (!warnedNearlyFull && bytes + frameBytes > settings.maxBytes() / 10 * 8) {
            warnedNearlyFull = true;
            LOG.log(Level.WARNING, "outbox {0} holds {1} bytes of undelivered records (bound {2}): is Kafka reachable?",
                    directory, bytes, settings.maxBytes());
        }
        while (bytes + frameBytes > settings.maxBytes() && segments.size() > 1) {
            Map.Entry<Long, Path> oldest = segments.firstEntry();
            long lastInOldest = segments.higherKey(oldest.getKey()) - 1;
            long firstLost = Math.max(ackedSequence + 1, oldest.getKey());
            if (firstLost <= lastInOldest) {
                writeAck(lastInOldest);
                dropped.addAndGet(lastInOldest - firstLost + 1);
                LOG.log(Level.ERROR, "outbox {0} is over its bound of {1} bytes: dropped {2} undelivered record(s), "
                        + "sequences {3} to {4}", directory, settings.maxBytes(), lastInOldest - firstLost + 1,
                        firstLost, lastInOldest);
            }
            deleteSegment(oldest.getKey());
        }
        if (bytes + frameBytes <= settings.maxBytes() / 2) {
            warnedNearlyFull = false;
        }
    }

    // ---- acknowledging ---------------------------------------------------------------------------

    private void writeAck(long sequence) {
        synchronized (ackMonitor) {
            if (sequence <= ackedSequence) {
                return;
            }
            AtomicFiles.writeString(directory.resolve(ACK_FILE), sequence + "\n", AtomicFiles.OWNER_ONLY);
            ackedSequence = sequence;
        }
    }

    /** Deletes every segment but the active one whose records are all acknowledged. Under writeLock. */
    private void deleteAcknowledgedSegments() throws IOException {
        while (segments.size() > 1) {
            long base = segments.firstKey();
            long last = segments.higherKey(base) - 1;
            if (last > ackedSequence) {
                return;
            }
            deleteSegment(base);
        }
    }

    private void deleteSegment(long base) throws IOException {
        Path path = segments.remove(base);
        long size = Files.size(path);
        Files.deleteIfExists(path);
        bytes -= size;
    }

    // ---- reading ------------------------------------------------------------------------------------

    private List<OutboxRecord> read(long from, long upTo, int max) throws IOException {
        List<OutboxRecord> records = new ArrayList<>(Math.min(max, 1024));
        if (from > upTo) {
            return records;
        }
        TreeMap<Long, Path> snapshot;
        writeLock.lock();
        try {
            snapshot = new TreeMap<>(segments);
        } finally {
            writeLock.unlock();
        }
        Map.Entry<Long, Path> segment = snapshot.floorEntry(from);
        if (segment == null) {
            throw new IllegalStateException("outbox " + directory + " has no segment for sequence " + from);
        }
        ReadPosition hint = readHint;
        long offset = hint != null && hint.nextSequence() == from && hint.segmentBase() == segment.getKey() ? hint.offset() : 0;
        long expected = offset == 0 ? segment.getKey() : from;
        while (segment != null && records.size() < max) {
            try (SegmentReader reader = new SegmentReader(segment.getValue(), offset, maxFrameBytes)) {
                while (records.size() < max) {
                    Optional<OutboxRecord> next = reader.next();
                    if (next.isEmpty()) {
                        if (reader.endReason() == SegmentReader.End.DAMAGED_FRAME && expected <= upTo) {
                            throw new IllegalStateException("outbox segment " + segment.getValue()
                                    + " is damaged at byte " + reader.position() + " (sequence " + expected + ")");
                        }
                        break;
                    }
                    OutboxRecord record = next.get();
                    if (record.sequence() != expected) {
                        throw new IllegalStateException("outbox segment " + segment.getValue() + " holds sequence "
                                + record.sequence() + " where " + expected + " was expected");
                    }
                    expected++;
                    if (record.sequence() > upTo) {
                        return records;
                    }
                    if (record.sequence() >= from) {
                        records.add(record);
                        readHint = new ReadPosition(record.sequence() + 1, segment.getKey(), reader.position());
                    }
                }
            }
            segment = snapshot.higherEntry(segment.getKey());
            offset = 0;
        }
        return records;
    }

    // ---- recovery -----------------------------------------------------------------------------------

    private void recover() throws IOException {
        AtomicFiles.privateDirectory(directory);
        ackedSequence = readAck();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + SegmentFormat.SUFFIX)) {
            for (Path file : stream) {
                OptionalLong base = SegmentFormat.baseSequence(file);
                if (base.isPresent()) {
                    segments.put(base.getAsLong(), file);
                }
            }
        }
        long last = segments.isEmpty() ? ackedSequence : recoverLastSegment(segments.lastKey(), segments.lastEntry().getValue());
        if (segments.isEmpty() || last < ackedSequence) {
            // Nothing on disk after the acknowledged sequence: continue after it in a fresh segment.
            last = ackedSequence;
            openSegment(last + 1);
        } else {
            active = FileChannel.open(segments.lastEntry().getValue(), StandardOpenOption.READ, StandardOpenOption.WRITE);
            activeSize = active.size();
        }
        nextSequence = last + 1;
        writtenSequence = last;
        syncedSequence = last;
        deleteAcknowledgedSegments();
        for (Path path : segments.values()) {
            bytes += Files.size(path);
        }
        if (pendingCount() > 0) {
            LOG.log(Level.INFO, "outbox {0}: {1} record(s) from a previous run still to deliver", directory, pendingCount());
        }
    }

    /** Validates the last segment, cuts off a torn tail, and returns its last sequence. */
    private long recoverLastSegment(long base, Path path) throws IOException {
        long last = base - 1;
        long validEnd;
        try (SegmentReader reader = new SegmentReader(path, 0, maxFrameBytes)) {
            while (true) {
                Optional<OutboxRecord> next = reader.next();
                if (next.isEmpty()) {
                    break;
                }
                if (next.get().sequence() != last + 1) {
                    throw new IllegalStateException("outbox segment " + path + " holds sequence " + next.get().sequence()
                            + " where " + (last + 1) + " was expected; move the outbox directory aside to start afresh");
                }
                last++;
            }
            validEnd = reader.position();
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            if (channel.size() > validEnd) {
                LOG.log(Level.WARNING, "outbox segment {0}: cutting {1} byte(s) of a torn last record (a crash mid-append)",
                        path, channel.size() - validEnd);
                channel.truncate(validEnd);
                channel.force(true);
            }
        }
        return last;
    }

    private long readAck() throws IOException {
        Path file = directory.resolve(ACK_FILE);
        if (!Files.exists(file)) {
            return 0;
        }
        String text = Files.readString(file).trim();
        try {
            long acked = Long.parseLong(text);
            if (acked < 0) {
                throw new NumberFormatException("negative");
            }
            return acked;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("outbox ack file " + file + " is not a sequence number: '" + text + "'", e);
        }
    }
}
