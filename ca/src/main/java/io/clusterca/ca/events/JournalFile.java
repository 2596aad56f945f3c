package io.clusterca.ca.events;

import io.clusterca.ca.store.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The journal's files: {@code events.jsonl} open for append, rotated by size to
 * {@code events-<UTC time>.jsonl} (names sort chronologically), the oldest rotated files deleted
 * beyond the configured number. Used by the journal's single writer thread only
 * (only {@link #rotations()} may be read elsewhere).
 */
final class JournalFile implements AutoCloseable {
    static final String ACTIVE = "events.jsonl";
    private static final String ROTATED_PREFIX = "events-";
    private static final String SUFFIX = ".jsonl";
    private static final DateTimeFormatter ROTATED_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final JournalSettings settings;
    private final Clock clock;
    private final Path active;
    private FileChannel channel;
    private long size;
    private boolean unsynced;
    private volatile long rotations; // read by stats() on other threads

    JournalFile(JournalSettings settings, Clock clock) throws IOException {
        this.settings = settings;
        this.clock = clock;
        AtomicFiles.privateDirectory(settings.directory());
        this.active = settings.directory().resolve(ACTIVE);
        open();
    }

    /** Appends whole lines; rotates first when {@code lines} would push the file past its maximum. */
    void append(byte[] lines) throws IOException {
        if (size > 0 && size + lines.length > settings.maxFileBytes()) {
            rotate();
        }
        ByteBuffer buffer = ByteBuffer.wrap(lines);
        while (buffer.hasRemaining()) {
            size += channel.write(buffer, size);
        }
        unsynced = true;
    }

    boolean wouldRotate(int moreBytes) {
        return size > 0 && size + moreBytes > settings.maxFileBytes();
    }

    void sync() throws IOException {
        if (unsynced) {
            channel.force(false);
            unsynced = false;
        }
    }

    long rotations() {
        return rotations;
    }

    @Override
    public void close() throws IOException {
        if (channel != null && channel.isOpen()) {
            try {
                sync();
            } finally {
                channel.close();
            }
        }
    }

    /** Reopens after a write error (a full disk that was cleaned up, a deleted file). */
    void reopen() throws IOException {
        try {
            if (channel != null) {
                channel.close();
            }
        } finally {
            open();
        }
    }

    private void open() throws IOException {
        boolean created = !Files.exists(active);
        if (created) {
            try {
                Files.createFile(active, PosixFilePermissions.asFileAttribute(AtomicFiles.OWNER_ONLY));
            } catch (FileAlreadyExistsException raced) {
                created = false;
            }
        }
        // Positional writes at the end (one writer thread); READ to check for a torn last line.
        channel = FileChannel.open(active, StandardOpenOption.WRITE, StandardOpenOption.READ);
        size = channel.size();
        if (created) {
            AtomicFiles.fsyncDirectory(settings.directory());
        }
        terminateTornLine();
    }

    /** A crash mid-write can leave half a line; end it so the next event starts on a line of its own. */
    private void terminateTornLine() throws IOException {
        if (size == 0) {
            return;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        if (last.get(0) != '\n') {
            append(new byte[] {'\n'});
            sync();
        }
    }

    private void rotate() throws IOException {
        sync();
        channel.close();
        Path rotated = freeRotatedName(clock.instant());
        Files.move(active, rotated);
        rotations = rotations + 1; // single writer thread
        open();
        AtomicFiles.fsyncDirectory(settings.directory());
        deleteOldRotated();
    }

    /** A name later than every rotated file's, even if the clock stood still or stepped back. */
    private Path freeRotatedName(Instant now) throws IOException {
        Instant candidate = now;
        for (Path existing : rotatedFiles()) {
            Optional<Instant> taken = rotatedTime(existing);
            if (taken.isPresent() && !candidate.isAfter(taken.get())) {
                candidate = taken.get().plusMillis(1);
            }
        }
        return settings.directory().resolve(ROTATED_PREFIX + ROTATED_TIME.format(candidate) + SUFFIX);
    }

    private static Optional<Instant> rotatedTime(Path file) {
        String name = file.getFileName().toString();
        try {
            String time = name.substring(ROTATED_PREFIX.length(), name.length() - SUFFIX.length());
            return Optional.of(ROTATED_TIME.parse(time, Instant::from));
        } catch (RuntimeException notOurs) {
            return Optional.empty();
        }
    }

    private void deleteOldRotated() throws IOException {
        List<Path> rotated = rotatedFiles();
        for (int i = 0; i < rotated.size() - settings.keepRotated(); i++) {
            Files.deleteIfExists(rotated.get(i));
        }
    }

    /** Rotated files, oldest first. */
    List<Path> rotatedFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(settings.directory(), ROTATED_PREFIX + "*" + SUFFIX)) {
            stream.forEach(files::add);
        }
        files.sort(null);
        return files;
    }
}
