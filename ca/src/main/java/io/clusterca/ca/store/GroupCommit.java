package io.clusterca.ca.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Group commit by a sync thread: writers that need their write durable call {@link #awaitDurable},
 * and one thread runs the {@link Sync} once for everyone waiting, then releases them all at once.
 *
 * <p>Why a thread rather than a lock that the first waiter holds while it syncs: with a lock, the
 * waiters are released one after another (each monitor handoff wakes one thread), so under load
 * most workers sit blocked while the CPU idles. Here a whole batch is released by one sync.
 *
 * <p>Guarantee: a caller is released only by a sync that started after it called, so whatever it
 * wrote before calling is covered. The thread is a daemon, started on first use. Thread-safe.
 */
public final class GroupCommit implements AutoCloseable {

    /** Makes everything written so far durable (for example {@code FileChannel.force}). */
    @FunctionalInterface
    public interface Sync {
        void sync() throws IOException;
    }

    private final String threadName;
    private final String subject;
    private final Sync sync;
    private final Object lock = new Object();
    private final List<CompletableFuture<Void>> waiting = new ArrayList<>(); // guarded by lock
    private Thread syncer; // guarded by lock; started by the first caller
    private boolean closed; // guarded by lock

    /**
     * @param threadName name of the sync thread (shows in thread dumps)
     * @param subject    what is synced, for error messages, e.g. {@code "ledger /data/ledger/ledger.jsonl"}
     * @param sync       makes every write made so far durable; runs on the sync thread only
     */
    public GroupCommit(String threadName, String subject, Sync sync) {
        this.threadName = threadName;
        this.subject = subject;
        this.sync = sync;
    }

    /**
     * Returns once a sync that started after this call has completed: what the caller wrote before
     * calling is durable.
     *
     * @throws UncheckedIOException  when that sync failed (the cause is the sync's exception)
     * @throws IllegalStateException when closed
     */
    public void awaitDurable() {
        CompletableFuture<Void> durable = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException(subject + " is closed");
            }
            waiting.add(durable);
            if (syncer == null) {
                syncer = new Thread(this::syncLoop, threadName);
                syncer.setDaemon(true);
                syncer.start();
            }
            lock.notify();
        }
        try {
            durable.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new UncheckedIOException("cannot fsync " + subject + ": " + io.getMessage(), io);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("cannot fsync " + subject, cause);
        }
    }

    private void syncLoop() {
        while (true) {
            List<CompletableFuture<Void>> batch;
            synchronized (lock) {
                while (waiting.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        // Nobody else owns this thread, and callers wait on it: only close() ends it.
                    }
                }
                if (waiting.isEmpty()) {
                    return; // closed, and nobody is waiting
                }
                batch = List.copyOf(waiting);
                waiting.clear();
            }
            // Taken before the sync starts: everyone in the batch registered, hence wrote, before it.
            try {
                sync.sync();
                batch.forEach(durable -> durable.complete(null));
            } catch (Throwable failure) {
                // Fail exactly this batch and keep running: a later caller gets a fresh sync.
                batch.forEach(durable -> durable.completeExceptionally(failure));
            }
        }
    }

    /** Refuses new callers and returns once the sync thread has served every caller already waiting. */
    @Override
    public void close() {
        Thread running;
        synchronized (lock) {
            closed = true;
            running = syncer;
            lock.notifyAll();
        }
        if (running == null || running == Thread.currentThread()) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                running.join();
                break;
            } catch (InterruptedException e) {
                // Keep waiting: the owner closes what is synced right after this returns.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
