package io.clusterca.ca.ledger;

import io.clusterca.ca.store.GroupCommit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The issuance ledger as an append-only JSON-lines file, {@code <data-dir>/ledger/ledger.jsonl}.
 *
 * <p>Durability: {@link #append} returns after the line is fsynced. Concurrent appenders share one
 * fsync (group commit, see {@link GroupCommit}): a sync thread forces everything written so far and
 * releases every appender whose line that covered at once. Several processes (the CLI and a running
 * server) append to one file under an OS file lock; {@link #refresh} picks up lines other processes wrote.
 *
 * <p>Crash safety: a line is only acknowledged after fsync, so after kill -9 at most an
 * unacknowledged, torn last line remains; opening the ledger truncates it.
 */
public final class FileLedger implements Ledger {
    private static final Logger LOG = Logger.getLogger(FileLedger.class.getName());

    private final Path file;
    private final FileChannel channel;
    private final Object writeLock = new Object();
    private final GroupCommit groupCommit;
    private final Map<String, LedgerEntry> bySerial = new LinkedHashMap<>();
    private final Map<String, LedgerEntry> latestByIdentity = new ConcurrentHashMap<>();
    private long readOffset;

    private FileLedger(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
        this.groupCommit = new GroupCommit("clusterca-ledger-sync", "ledger " + file, () -> channel.force(false));
    }

    public static FileLedger open(Path dataDir) {
        Path dir = dataDir.resolve("ledger");
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("ledger.jsonl");
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
            }
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLedger ledger = new FileLedger(file, ch);
            ledger.truncateTornTail();
            ledger.refresh();
            return ledger;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open ledger in " + dir, e);
        }
    }

    @Override
    public void append(LedgerEntry entry) {
        byte[] line = (LedgerCodec.encode(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            synchronized (writeLock) {
                try (FileLock ignored = channel.lock()) {
                    ByteBuffer buf = ByteBuffer.wrap(line);
                    long start = channel.size();
                    long pos = start;
                    while (buf.hasRemaining()) {
                        pos += channel.write(buf, pos);
                    }
                    if (start == readOffset) {
                        readOffset = pos; // our own line, indexed below: refresh need not read it back
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to ledger " + file, e);
        }
        groupCommit.awaitDurable();
        index(entry);
    }

    /**
     * Reads lines appended since the last read by another process (and any of ours after them).
     * Cheap when nothing changed; the lines are decoded outside the write lock, so appends never
     * wait for a refresh.
     */
    public void refresh() {
        String text;
        try {
            synchronized (writeLock) {
                long size = channel.size();
                if (size <= readOffset) {
                    return;
                }
                ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(size - readOffset));
                long pos = readOffset;
                while (buf.hasRemaining()) {
                    int n = channel.read(buf, pos);
                    if (n < 0) {
                        break;
                    }
                    pos += n;
                }
                int complete = lastNewline(buf.array(), buf.position()) + 1;
                if (complete == 0) {
                    return; // a line still being written by another process
                }
                readOffset += complete;
                text = new String(buf.array(), 0, complete, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ledger " + file, e);
        }
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                index(LedgerCodec.decode(line));
            }
        }
    }

    private static int lastNewline(byte[] bytes, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void truncateTornTail() throws IOException {
        synchronized (writeLock) {
            try (FileLock ignored = channel.lock()) {
                long size = channel.size();
                if (size == 0) {
                    return;
                }
                long pos = size;
                ByteBuffer one = ByteBuffer.allocate(1);
                while (pos > 0) {
                    one.clear();
                    channel.read(one, pos - 1);
                    if (one.get(0) == '\n') {
                        break;
                    }
                    pos--;
                }
                if (pos < size) {
                    LOG.warning("ledger " + file + ": dropping " + (size - pos) + " bytes of an unacknowledged torn last line");
                    channel.truncate(pos);
                    channel.force(true);
                }
            }
        }
    }

    private void index(LedgerEntry entry) {
        synchronized (bySerial) {
            bySerial.put(entry.serial(), entry);
        }
        latestByIdentity.merge(entry.identity(), entry,
                (old, neu) -> neu.issuedAt().isBefore(old.issuedAt()) ? old : neu);
    }

    @Override
    public Optional<LedgerEntry> bySerial(String serialHex) {
        synchronized (bySerial) {
            return Optional.ofNullable(bySerial.get(serialHex));
        }
    }

    @Override
    public Optional<LedgerEntry> latest(String identity) {
        return Optional.ofNullable(latestByIdentity.get(identity));
    }

    @Override
    public List<LedgerEntry> entries() {
        synchronized (bySerial) {
            return List.copyOf(new ArrayList<>(bySerial.values()));
        }
    }

    public int size() {
        synchronized (bySerial) {
            return bySerial.size();
        }
    }

    @Override
    public void close() {
        groupCommit.close(); // returns once every waiting appender has its fsync: only then close the channel
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
