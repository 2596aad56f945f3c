package io.clusterca.ca.events;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The embedded event stream: an append-only JSON-lines file {@code <data-dir>/events/events.jsonl},
 * one {@link EventJson} object per line, rotated by size.
 *
 * <p>{@link #publish} only hands the event to a bounded queue and returns at once, so issuance never
 * waits for the disk. A single writer thread drains the queue in batches, writes each batch with one
 * {@code write} call and fsyncs at least every {@link JournalSettings#syncInterval()}.
 *
 * <p>Durability (the journal is an audit stream, not the ledger): an event written by the writer
 * survives a crash of the process; a power loss can take the last sync interval (default 1 s); a
 * {@code kill -9} also loses the events still queued (normally none, the writer keeps up). When the
 * queue is full (the disk stalled for tens of thousands of events) {@code publish} drops the event
 * and counts it in {@link JournalStats#dropped()} rather than blocking the caller. {@link #flush()}
 * and {@link #close()} return only once everything published before them is on disk.
 */
public final class Journal implements EventSink, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Journal.class.getName());
    private static final int MAX_BATCH = 4096;

    private sealed interface Item permits Write, Barrier {}

    private record Write(Event event) implements Item {}

    /** Completes once every item before it is written and synced; {@code last} ends the writer. */
    private record Barrier(CompletableFuture<Void> done, boolean last) implements Item {}

    private final JournalSettings settings;
    private final BlockingQueue<Item> queue;
    private final JournalFile file;
    private final Thread writer;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    private Journal(JournalSettings settings, Clock clock) throws IOException {
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.file = new JournalFile(settings, clock);
        this.writer = new Thread(this::writeLoop, "clusterca-journal-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Opens (or continues) the journal and starts its writer thread. */
    public static Journal open(JournalSettings settings, Clock clock) {
        try {
            return new Journal(settings, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the event journal in " + settings.directory(), e);
        }
    }

    public static Journal open(Path dataDir) {
        return open(JournalSettings.defaults(dataDir), Clock.systemUTC());
    }

    /** The file events are appended to. */
    public Path activeFile() {
        return settings.directory().resolve(JournalFile.ACTIVE);
    }

    @Override
    public void publish(Event event) {
        if (closed.get() || !queue.offer(new Write(event))) {
            long total = dropped.incrementAndGet();
            if (Long.bitCount(total) == 1) { // 1, 2, 4, 8, ...: loud at first, never a log flood
                LOG.log(Level.WARNING, "event journal {0}: dropped {1} event(s) so far ({2} {3})",
                        closed.get() ? "closed" : "queue full", total, event.type().wireName(), event.id());
            }
        }
    }

    /** Completes once every event published before this call is written and fsynced. */
    public CompletableFuture<Void> flush() {
        return enqueueBarrier(false);
    }

    public JournalStats stats() {
        return new JournalStats(written.get(), dropped.get(), queue.size(), file.rotations(),
                Optional.ofNullable(lastError.get()));
    }

    /** Writes and fsyncs everything published so far, then stops the writer. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Void> done = enqueueBarrier(true);
        try {
            writer.join();
            done.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CompletableFuture<Void> enqueueBarrier(boolean last) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!writer.isAlive()) {
            done.complete(null);
            return done;
        }
        try {
            queue.put(new Barrier(done, last)); // a barrier is never dropped: its caller asked to wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(e);
        }
        return done;
    }

    private void writeLoop() {
        long syncIntervalNanos = settings.syncInterval().toNanos();
        long lastSync = System.nanoTime();
        List<Item> batch = new ArrayList<>();
        ByteArrayOutputStream lines = new ByteArrayOutputStream(64 * 1024);
        while (true) {
            Item first;
            try {
                first = queue.poll(Math.max(1, syncIntervalNanos - (System.nanoTime() - lastSync)), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // Only close() ends the writer; an interrupt must not lose queued events.
                continue;
            }
            if (first != null) {
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
            }
            boolean stop = writeBatch(batch, lines);
            if (stop || System.nanoTime() - lastSync >= syncIntervalNanos) {
                syncQuietly();
                lastSync = System.nanoTime();
            }
            if (stop) {
                closeQuietly();
                return;
            }
        }
    }

    /** Writes the batch's events; completes its barriers after a sync. Returns whether a last barrier was seen. */
    private boolean writeBatch(List<Item> batch, ByteArrayOutputStream lines) {
        boolean stop = false;
        int events = 0;
        for (Item item : batch) {
            if (item instanceof Write write) {
                byte[] line = encodeLine(write.event());
                if (line.length == 0) {
                    continue;
                }
                if (lines.size() > 0 && file.wouldRotate(lines.size() + line.length)) {
                    writeLines(lines, events); // a rotation never splits a write
                    events = 0;
                }
                lines.writeBytes(line);
                events++;
            } else if (item instanceof Barrier barrier) {
                writeLines(lines, events);
                events = 0;
                boolean synced = syncQuietly();
                stop |= barrier.last();
                if (synced) {
                    barrier.done().complete(null);
                } else {
                    barrier.done().completeExceptionally(new IOException("event journal write failed: " + lastError.get()));
                }
            }
        }
        writeLines(lines, events);
        batch.clear();
        return stop;
    }

    private byte[] encodeLine(Event event) {
        try {
            return (EventJson.encode(event) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) { // never let one odd event stop the writer
            dropped.incrementAndGet();
            LOG.log(Level.ERROR, "event journal cannot encode event " + event.id(), e);
            return new byte[0];
        }
    }

    /** Writes the buffered lines, which hold {@code events} events. */
    private void writeLines(ByteArrayOutputStream lines, int events) {
        if (lines.size() == 0) {
            return;
        }
        try {
            file.append(lines.toByteArray());
            written.addAndGet(events);
        } catch (IOException e) {
            dropped.addAndGet(events);
            failed("write", e);
        } finally {
            lines.reset();
        }
    }

    private boolean syncQuietly() {
        try {
            file.sync();
            return true;
        } catch (IOException e) {
            failed("fsync", e);
            return false;
        }
    }

    private void failed(String what, IOException e) {
        lastError.set(what + ": " + e);
        LOG.log(Level.ERROR, "event journal " + what + " failed in " + settings.directory(), e);
        try {
            file.reopen();
        } catch (IOException reopen) {
            LOG.log(Level.ERROR, "event journal cannot reopen " + activeFile(), reopen);
        }
    }

    private void closeQuietly() {
        try {
            file.close();
        } catch (IOException e) {
            lastError.set("close: " + e);
            LOG.log(Level.ERROR, "event journal cannot close " + activeFile(), e);
        }
    }
}
