package io.clusterca.ca.sakeys;

import static io.clusterca.ca.sakeys.RingFixture.T0;
import static io.clusterca.ca.sakeys.RingFixture.day;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.events.EventSink;
import io.clusterca.ca.keystore.KeyVault;
import io.clusterca.ca.sakeys.KeyRing.PreviousKey;
import io.clusterca.ca.sakeys.KeyRingFile.CorruptKeyRingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keyring.json, the vault, restarts, another process's changes and interrupted writes. */
class KeyRingPersistenceTest {
    @TempDir
    Path tmp;
    RingFixture fx;
    Path ringFile;

    @BeforeEach
    void setUp() {
        fx = RingFixture.fast(tmp);
        ringFile = fx.dataDir.resolve("sa").resolve("keyring.json");
    }

    @Test
    void reopeningTheRingKeepsEveryKeyAndItsState() {
        KeyRing ring = fx.open();
        ring.tick(T0);
        ring.tick(day(45).minusSeconds(3600));
        ring.tick(day(45));
        ring.rotate(day(45).plusSeconds(60));

        KeyRing restarted = fx.open();

        assertEquals(ring.current(), restarted.current());
        assertEquals(List.of(KeyState.ACTIVE, KeyState.PENDING, KeyState.VERIFYING),
                restarted.current().published().stream().map(SaKey::state).toList());
        assertEquals(List.of(), restarted.tick(day(45).plusSeconds(60)), "nothing due twice after a restart");
    }

    @Test
    void reloadIfChangedPicksUpARotationMadeByAnotherProcess() {
        KeyRing server = fx.open();
        server.tick(T0);
        KeyRing cli = fx.open();

        cli.rotate(day(2));

        assertTrue(server.reloadIfChanged());
        assertEquals(cli.current(), server.current());
        assertTrue(server.current().pending().isPresent());
        assertFalse(server.reloadIfChanged(), "no change since the last reload");
    }

    @Test
    void aChangeStartsFromTheRingOnDiskNotFromAStaleSnapshot() {
        KeyRing server = fx.open();
        server.tick(T0);
        KeyRing cli = fx.open();
        cli.rotate(day(2));
        String cliKey = cli.current().pending().orElseThrow().kid();

        // The server has not reloaded; its tick must still activate the CLI's pending key, not lose it.
        server.tick(day(2).plusSeconds(3600));

        assertEquals(cliKey, server.current().active().orElseThrow().kid());
        assertEquals(2, server.current().keys().size());
    }

    @Test
    void aCrashBetweenVaultPutAndRingWriteLeavesOnlyAnOrphanedVaultKey() throws IOException {
        KeyRing ring = fx.open();
        ring.tick(T0);
        String before = Files.readString(ringFile);
        KeyVault crashingVault = new SabotagingVault(fx.vault, ringFile);
        KeyRing doomed = KeyRing.open(KeyRing.Settings.of(fx.dataDir).withPolicy(fx.policy), crashingVault, EventSink.NONE);

        assertThrows(UncheckedIOException.class, () -> doomed.rotate(day(1)));

        // "Restart": the ring file is as it was; the new private key is in the vault but named by no entry.
        deleteRecursively(ringFile);
        Files.writeString(ringFile, before);
        KeyRing restarted = fx.open();
        assertEquals(1, restarted.current().keys().size());
        for (SaKey key : restarted.current().keys()) {
            assertTrue(fx.vault.get(key.vaultId()).isPresent(), "every ring entry has its private key");
        }
        assertEquals(2, fx.vault.ids().size(), "one orphan");

        restarted.tick(day(1));

        assertEquals(Set.of("sa/" + restarted.current().active().orElseThrow().kid()), fx.vault.ids(),
                "the next change deletes the orphan");
    }

    @Test
    void aFailedVaultPutLeavesTheRingUnchanged() throws IOException {
        KeyRing ring = fx.open();
        ring.tick(T0);
        String before = Files.readString(ringFile);
        KeyVault brokenVault = new ForwardingVault(fx.vault) {
            @Override
            public void put(String id, PrivateKey key) {
                throw new UncheckedIOException(new IOException("disk full"));
            }
        };
        KeyRing failing = KeyRing.open(KeyRing.Settings.of(fx.dataDir).withPolicy(fx.policy), brokenVault, EventSink.NONE);

        assertThrows(UncheckedIOException.class, () -> failing.rotateNow(day(1), PreviousKey.KEEP_VERIFYING));

        assertEquals(before, Files.readString(ringFile));
    }

    @Test
    void ringFileHoldsMetadataAndPublicKeysOnlyWithMode0600() throws Exception {
        KeyRing ring = fx.open();
        ring.tick(T0);
        SaKey active = ring.current().active().orElseThrow();
        String privateDer = Base64.getEncoder().encodeToString(fx.vault.get(active.vaultId()).orElseThrow().getEncoded());

        String json = Files.readString(ringFile);

        assertFalse(json.contains(privateDer));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ringFile)));
        Map<String, Object> entry = JSONObjectUtils.getJSONObjectArray(JSONObjectUtils.parse(json), "keys")[0];
        assertEquals(Set.of("kid", "algorithm", "state", "publicKey", "createdAt", "activatedAt", "notAfter"), entry.keySet());
        assertEquals("ecdsa-p256", entry.get("algorithm"));
        assertEquals("active", entry.get("state"));
        assertEquals(T0.toString(), entry.get("createdAt"));
        assertEquals(day(90).toString(), entry.get("notAfter"));
    }

    @Test
    void aCorruptRingFileIsRefusedWithItsPathAndLeftUntouched() throws IOException {
        Files.createDirectories(ringFile.getParent());
        Files.writeString(ringFile, "{\"version\":1,\"revision\":2,\"keys\":[{\"kid\":\"x\"");

        CorruptKeyRingException e = assertThrows(CorruptKeyRingException.class, fx::open);

        assertTrue(e.getMessage().startsWith(ringFile + " is not a valid service-account key ring: not valid JSON"), e.getMessage());
        assertEquals("{\"version\":1,\"revision\":2,\"keys\":[{\"kid\":\"x\"", Files.readString(ringFile));
    }

    @Test
    void aRingEntryWhoseKidDoesNotMatchItsPublicKeyIsRefused() throws IOException {
        KeyRing ring = fx.open();
        ring.tick(T0);
        String kid = ring.current().active().orElseThrow().kid();
        String tampered = Files.readString(ringFile).replace(kid, "AAAA" + kid.substring(4));
        Files.writeString(ringFile, tampered);

        CorruptKeyRingException e = assertThrows(CorruptKeyRingException.class, ring::reloadIfChanged);

        assertTrue(e.getMessage().contains("keys[0]: kid AAAA"), e.getMessage());
        assertTrue(e.getMessage().contains("does not match its public key"), e.getMessage());
        assertEquals(kid, ring.current().active().orElseThrow().kid(), "the last good ring is kept");
        assertThrows(CorruptKeyRingException.class, () -> ring.tick(day(1)), "no change is built on a corrupt ring");
        assertEquals(tampered, Files.readString(ringFile));
    }

    @Test
    void aRingWithTwoActiveKeysIsRefused() throws Exception {
        KeyRing ring = fx.open();
        ring.tick(T0);
        ring.rotateNow(day(1), PreviousKey.KEEP_VERIFYING);
        Map<String, Object> root = JSONObjectUtils.parse(Files.readString(ringFile));
        for (Map<String, Object> key : JSONObjectUtils.getJSONObjectArray(root, "keys")) {
            key.put("state", "active");
            key.remove("deactivatedAt");
        }
        Files.writeString(ringFile, JSONObjectUtils.toJSONString(root));

        CorruptKeyRingException e = assertThrows(CorruptKeyRingException.class, fx::open);

        assertTrue(e.getMessage().endsWith(": the ring has 2 active keys; exactly one may sign"), e.getMessage());
    }

    @Test
    void keysOfEveryConfiguredAlgorithmSurviveARoundTrip() {
        for (KeyAlgorithm algorithm : List.of(KeyAlgorithm.ECDSA_P256, KeyAlgorithm.ECDSA_P384, KeyAlgorithm.RSA_2048)) {
            RingFixture f = new RingFixture(tmp.resolve(algorithm.flag()), algorithm);
            KeyRing ring = f.open();
            ring.tick(T0);

            assertEquals(ring.current(), f.open().current(), algorithm.flag());
        }
    }

    @Test
    void anEmptyDataDirIsAnEmptyRingUntilTheFirstTick() {
        KeyRing ring = fx.open();

        assertEquals(KeyRingState.EMPTY, ring.current());
        assertFalse(Files.exists(ringFile));
        assertEquals(Optional.of(T0), Optional.of(ring.nextDue(T0)));
    }

    /** A vault whose put "crashes the process" right after the key is stored: the ring file can no longer be replaced. */
    private static final class SabotagingVault extends ForwardingVault {
        private final Path ringFile;

        SabotagingVault(KeyVault delegate, Path ringFile) {
            super(delegate);
            this.ringFile = ringFile;
        }

        @Override
        public void put(String id, PrivateKey key) {
            super.put(id, key);
            try {
                Files.delete(ringFile);
                Files.createDirectories(ringFile.resolve("blocker"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static class ForwardingVault implements KeyVault {
        private final KeyVault delegate;

        ForwardingVault(KeyVault delegate) {
            this.delegate = delegate;
        }

        @Override
        public void put(String id, PrivateKey key) {
            delegate.put(id, key);
        }

        @Override
        public Optional<PrivateKey> get(String id) {
            return delegate.get(id);
        }

        @Override
        public Set<String> ids() {
            return delegate.ids();
        }

        @Override
        public void delete(String id) {
            delegate.delete(id);
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            try (var children = Files.list(p)) {
                for (Path c : children.toList()) {
                    deleteRecursively(c);
                }
            }
        }
        Files.deleteIfExists(p);
    }

}
