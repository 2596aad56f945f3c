package io.clusterca.ca.kubeadm;

import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The files of a kubeadm pki directory ({@code /etc/kubernetes/pki}): {@code <base>.crt} (0644) and
 * {@code <base>.key} (0600, plaintext PEM, because kube-apiserver and etcd read them), as kubeadm's
 * pkiutil.WriteCertAndKey lays them out. Every write is atomic (AtomicFiles). Blocking I/O.
 */
final class PkiDirectory {
    /** Taken by every writer; kubeadm ignores dot files in the pki directory. */
    static final String LOCK_FILE = ".clusterca.lock";

    private final Path root;
    private final ReentrantLock inProcess = new ReentrantLock();

    PkiDirectory(Path root) {
        this.root = root;
    }

    /**
     * Runs {@code work} holding this directory's lock: a lock within the process (FileChannel locks
     * are per process) and an exclusive OS lock on {@value #LOCK_FILE}, so the CLI ({@code repair},
     * {@code certs renew}) and a running server never interleave the key and certificate of one pair.
     */
    <T> T exclusively(Supplier<T> work) {
        inProcess.lock();
        try {
            Files.createDirectories(root);
            try (FileChannel channel = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return work.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + root.resolve(LOCK_FILE), e);
        } finally {
            inProcess.unlock();
        }
    }

    Path root() {
        return root;
    }

    /** kubeadm's ServiceAccountPrivateKeyName / ServiceAccountPublicKeyName (cmd/kubeadm/app/constants/constants.go). */
    Path serviceAccountKeyFile() {
        return root.resolve("sa.key");
    }

    Path serviceAccountPublicKeyFile() {
        return root.resolve("sa.pub");
    }

    Path certificateFile(String baseName) {
        return root.resolve(baseName + ".crt");
    }

    Path keyFile(String baseName) {
        return root.resolve(baseName + ".key");
    }

    /** The first certificate of the file (a chain may follow it, as kubeadm's TryLoadCertFromDisk allows). */
    FileState<X509Certificate> certificate(String baseName) {
        return read(certificateFile(baseName), pem -> {
            List<X509Certificate> certs = Pem.certificates(pem);
            if (certs.isEmpty()) {
                throw new Pem.MalformedPemException("no PEM CERTIFICATE found");
            }
            return certs.get(0);
        });
    }

    /** PKCS#8, SEC 1 ("EC PRIVATE KEY") or PKCS#1 ("RSA PRIVATE KEY"), like kubeadm's keyutil. */
    FileState<PrivateKey> key(String baseName) {
        return read(keyFile(baseName), Pem::privateKey);
    }

    /**
     * Key first, then certificate, the order of kubeadm's WriteCertAndKey. A crash between the two
     * leaves a key that does not match its certificate; repair detects that ({@link RepairReason#KEY_UNUSABLE}).
     */
    void writePair(String baseName, X509Certificate certificate, PrivateKey key) {
        writeKey(baseName, key);
        writeCertificate(baseName, certificate);
    }

    void writeCertificate(String baseName, X509Certificate certificate) {
        AtomicFiles.writeString(certificateFile(baseName), Pem.encode(certificate), AtomicFiles.WORLD_READABLE);
    }

    /**
     * Written in kubeadm's encoding (client-go keyutil.MarshalPrivateKeyToPEM): "EC PRIVATE KEY"
     * (SEC 1) for ECDSA, "RSA PRIVATE KEY" (PKCS#1) for RSA; BouncyCastle's PEM writer does the same.
     */
    void writeKey(String baseName, PrivateKey key) {
        AtomicFiles.writeString(keyFile(baseName), Pem.encode(key), AtomicFiles.OWNER_ONLY);
    }

    private static <T> FileState<T> read(Path file, Function<String, T> parse) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new FileState.Absent<>();
        } catch (IOException e) {
            return new FileState.Unreadable<>(file + ": cannot read: " + e.getMessage());
        }
        try {
            return new FileState.Loaded<>(parse.apply(text));
        } catch (IllegalArgumentException e) {
            return new FileState.Unreadable<>(file + ": " + e.getMessage());
        }
    }
}
