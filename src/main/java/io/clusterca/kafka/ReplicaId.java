package io.clusterca.kafka;

import io.clusterca.ca.crypto.Crypto;
import io.clusterca.ca.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * This replica's name towards Kafka: its ledger consumer group and static {@code group.instance.id}.
 *
 * <p>It must be unique per replica and stable across its restarts. The host name alone is neither
 * (two replicas on one machine, or containers without {@code HOSTNAME}, share it, and a shared
 * {@code group.instance.id} fences one of them off the ledger topic), so the id is made once per
 * data dir — the host name for the operator's eye plus a random suffix — and kept in
 * {@code <data-dir>/replica-id}.
 */
public final class ReplicaId {
    static final String FILE = "replica-id";
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9._-]{1,200}");

    private ReplicaId() {}

    /** The id stored in {@code dataDir}, created there on first use. Blocking: file I/O. */
    public static String forDataDir(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (VALID.matcher(stored).matches()) {
                    return stored;
                }
                throw new IllegalStateException(file + " does not hold a replica id (letters, digits, '.', '_', '-'); "
                        + "delete it to make a new one");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String id = fresh();
        AtomicFiles.writeString(file, id + "\n", AtomicFiles.WORLD_READABLE);
        return id;
    }

    /** A new id: the host name (sanitised) and 48 random bits. */
    static String fresh() {
        byte[] suffix = new byte[6];
        Crypto.random().nextBytes(suffix);
        String host = hostName().replaceAll("[^a-zA-Z0-9._-]", "-");
        if (host.length() > 120) {
            host = host.substring(0, 120);
        }
        return (host.isEmpty() ? "clusterca" : host) + "-" + HexFormat.of().formatHex(suffix);
    }

    private static String hostName() {
        String hostname = System.getenv("HOSTNAME");
        if (hostname != null && !hostname.isBlank()) {
            return hostname;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "";
        }
    }
}
