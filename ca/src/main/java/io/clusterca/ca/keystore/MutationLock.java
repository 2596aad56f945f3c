package io.clusterca.ca.keystore;

import io.clusterca.ca.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises every change to the key store: threads of this process through a lock, processes (the
 * CLI next to a running server) through an exclusive {@link FileLock} on a lock file. Readers take no
 * lock: every write is an atomic rename, so they see a whole old or a whole new file.
 *
 * <p>File locks belong to the JVM, not to a channel, so a second store instance on the same data dir
 * in the same JVM cannot take the lock while the first holds it; that is reported, not waited on.
 */
final class MutationLock {
    private final ReentrantLock local = new ReentrantLock();
    private final Path lockFile;

    MutationLock(Path lockFile) {
        this.lockFile = lockFile;
    }

    <T> T call(Supplier<T> action) {
        if (local.isHeldByCurrentThread()) {
            // The file lock is not reentrant: a nested call would fail with a misleading overlap error.
            throw new IllegalStateException("nested key store mutation");
        }
        local.lock();
        try (FileChannel channel = FileChannel.open(lockFile, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(AtomicFiles.OWNER_ONLY));
             FileLock ignored = channel.lock()) {
            return action.get();
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("another key store instance in this JVM holds " + lockFile
                    + "; use one SealedKeyStore per data dir and process", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        } finally {
            local.unlock();
        }
    }

    void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }
}
