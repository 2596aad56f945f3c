package io.clusterca.ca.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    private static final long TIMEOUT_SECONDS = 10;

    private final GatedSync sync = new GatedSync();
    private final GroupCommit groupCommit = new GroupCommit("test-sync", "test file", sync);

    @AfterEach
    void stop() {
        sync.letEverySyncSucceed(); // so a failed test leaves no sync thread blocked
        groupCommit.close();
    }

    @Test
    void aCallerIsReleasedOnlyByASyncThatStartedAfterItCalled() throws Exception {
        Caller first = Caller.start(groupCommit);
        sync.awaitStarted();
        Caller duringFirstSync = Caller.start(groupCommit).awaitWaiting();

        sync.succeed();
        first.awaitReleased();
        sync.awaitStarted(); // a second sync, for the caller that came while the first ran
        assertFalse(duringFirstSync.released().isDone(), "released by a sync that started before it called");
        sync.succeed();
        duringFirstSync.awaitReleased();
        assertEquals(2, sync.invocations());
    }

    @Test
    void manyWaitingCallersAreReleasedByOneSync() throws Exception {
        Caller first = Caller.start(groupCommit);
        sync.awaitStarted();
        List<Caller> waiting = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            waiting.add(Caller.start(groupCommit).awaitWaiting());
        }

        sync.succeed();
        first.awaitReleased();
        sync.awaitStarted();
        sync.succeed();
        for (Caller caller : waiting) {
            caller.awaitReleased();
        }
        assertEquals(2, sync.invocations());
    }

    @Test
    void aFailedSyncFailsExactlyTheCallersItCoveredWithItsCause() throws Exception {
        Caller covered = Caller.start(groupCommit);
        sync.awaitStarted();
        Caller notCovered = Caller.start(groupCommit).awaitWaiting();
        IOException diskFull = new IOException("No space left on device");

        sync.fail(diskFull);
        Throwable failure = covered.awaitFailure();
        assertTrue(failure instanceof UncheckedIOException, "got " + failure);
        assertSame(diskFull, failure.getCause());
        assertTrue(failure.getMessage().contains("test file"), failure.getMessage());
        sync.awaitStarted();
        sync.succeed();
        notCovered.awaitReleased();
    }

    @Test
    void aCallerAfterAFailedSyncGetsAFreshSync() throws Exception {
        Caller failed = Caller.start(groupCommit);
        sync.awaitStarted();
        sync.fail(new IOException("Input/output error"));
        failed.awaitFailure();

        Caller later = Caller.start(groupCommit);
        sync.awaitStarted();
        sync.succeed();
        later.awaitReleased();
        assertEquals(2, sync.invocations());
    }

    @Test
    void awaitDurableAfterCloseIsRefused() {
        groupCommit.close();

        assertThrows(IllegalStateException.class, groupCommit::awaitDurable);
        assertEquals(0, sync.invocations());
    }

    @Test
    void closeReturnsOnlyAfterCallersAlreadyWaitingHaveTheirSync() throws Exception {
        Caller first = Caller.start(groupCommit);
        sync.awaitStarted();
        Caller waiting = Caller.start(groupCommit).awaitWaiting();
        CompletableFuture<Void> closed = CompletableFuture.runAsync(groupCommit::close);

        sync.succeed();
        first.awaitReleased();
        sync.awaitStarted();
        assertFalse(closed.isDone(), "close returned while a waiting caller's sync was still running");
        sync.succeed();
        waiting.awaitReleased();
        closed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** A sync that tells the test when it starts and finishes only as the test says (succeed or fail). */
    private static final class GatedSync implements GroupCommit.Sync {
        private final Semaphore started = new Semaphore(0);
        private final BlockingQueue<Optional<IOException>> outcomes = new LinkedBlockingQueue<>();
        private final AtomicInteger invocations = new AtomicInteger();
        private volatile boolean ungated;

        @Override
        public void sync() throws IOException {
            invocations.incrementAndGet();
            started.release();
            if (ungated) {
                return;
            }
            Optional<IOException> outcome;
            try {
                outcome = outcomes.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (outcome.isPresent()) {
                throw outcome.get();
            }
        }

        void awaitStarted() throws InterruptedException {
            assertTrue(started.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS), "no sync started");
        }

        void succeed() {
            outcomes.add(Optional.empty());
        }

        void fail(IOException cause) {
            outcomes.add(Optional.of(cause));
        }

        void letEverySyncSucceed() {
            ungated = true;
            succeed(); // for a sync already taking its outcome
        }

        int invocations() {
            return invocations.get();
        }
    }

    /** A thread calling {@link GroupCommit#awaitDurable}; {@code released} completes when the call returns or throws. */
    private record Caller(Thread thread, CompletableFuture<Void> released) {
        static Caller start(GroupCommit groupCommit) {
            CompletableFuture<Void> released = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    groupCommit.awaitDurable();
                    released.complete(null);
                } catch (Throwable e) {
                    released.completeExceptionally(e);
                }
            }, "test-caller");
            thread.start();
            return new Caller(thread, released);
        }

        /** Waits until the caller is parked in awaitDurable, i.e. it has registered for a sync. */
        Caller awaitWaiting() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (thread.getState() != Thread.State.WAITING) {
                if (released.isDone()) {
                    fail("the caller returned without waiting for a sync");
                }
                if (System.nanoTime() > deadline) {
                    fail("the caller never started waiting; it is " + thread.getState());
                }
                Thread.yield();
            }
            return this;
        }

        void awaitReleased() throws Exception {
            released.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        Throwable awaitFailure() throws Exception {
            try {
                released.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                return e.getCause();
            }
            return fail("the caller was released although its sync failed");
        }
    }
}
