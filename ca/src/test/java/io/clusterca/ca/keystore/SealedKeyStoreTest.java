package io.clusterca.ca.keystore;

import static io.clusterca.ca.keystore.TestKeys.openRandom;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealedKeyStoreTest {
    @TempDir
    Path dataDir;

    @Test
    void returnsTheStoredEcdsaP384Key() {
        KeyPair pair = TestKeys.ecP384();
        SealedKeyStore store = openRandom(dataDir);
        store.put("ca/kubernetes-ca", pair.getPrivate());

        PrivateKey read = store.get("ca/kubernetes-ca").orElseThrow();

        assertArrayEquals(pair.getPrivate().getEncoded(), read.getEncoded());
        assertTrue(TestKeys.pairs(read, pair.getPublic()));
    }

    @Test
    void returnsTheStoredRsaKey() {
        KeyPair pair = TestKeys.rsa2048();
        SealedKeyStore store = openRandom(dataDir);
        store.put("sa/rsa", pair.getPrivate());

        PrivateKey read = store.get("sa/rsa").orElseThrow();

        assertArrayEquals(pair.getPrivate().getEncoded(), read.getEncoded());
        assertTrue(TestKeys.pairs(read, pair.getPublic()));
    }

    @Test
    void returnsTheStoredEd25519Key() {
        KeyPair pair = TestKeys.ed25519();
        SealedKeyStore store = openRandom(dataDir);
        store.put("serving/current", pair.getPrivate());

        PrivateKey read = store.get("serving/current").orElseThrow();

        assertArrayEquals(pair.getPrivate().getEncoded(), read.getEncoded());
        assertTrue(TestKeys.pairs(read, pair.getPublic()));
    }

    @Test
    void aNewInstanceOnTheSameDataDirReturnsTheSameKey() {
        KeyPair pair = TestKeys.ecP384();
        openRandom(dataDir).put("ca/etcd-ca", pair.getPrivate());

        SealedKeyStore restarted = openRandom(dataDir);

        assertArrayEquals(pair.getPrivate().getEncoded(), restarted.get("ca/etcd-ca").orElseThrow().getEncoded());
    }

    @Test
    void unknownIdIsEmpty() {
        assertEquals(Optional.empty(), openRandom(dataDir).get("ca/front-proxy-ca"));
    }

    @Test
    void putReplacesTheKeyOfAnExistingId() {
        SealedKeyStore store = openRandom(dataDir);
        store.put("serving/current", TestKeys.ecP384().getPrivate());
        KeyPair second = TestKeys.ecP384();

        store.put("serving/current", second.getPrivate());

        assertArrayEquals(second.getPrivate().getEncoded(), store.get("serving/current").orElseThrow().getEncoded());
        assertEquals(Set.of("serving/current"), store.ids());
    }

    @Test
    void idsListsEveryStoredKey() {
        SealedKeyStore store = openRandom(dataDir);
        PrivateKey key = TestKeys.ecP256().getPrivate();
        List<String> ids = List.of("ca/kubernetes-ca", "sa/Xv3_-aZ09kid", "serving/current");
        ids.forEach(id -> store.put(id, key));

        assertEquals(Set.copyOf(ids), store.ids());
    }

    @Test
    void deleteRemovesTheKey() {
        SealedKeyStore store = openRandom(dataDir);
        store.put("sa/old", TestKeys.ecP256().getPrivate());

        store.delete("sa/old");

        assertEquals(Optional.empty(), store.get("sa/old"));
        assertEquals(Set.of(), store.ids());
    }

    @Test
    void noFileInTheDataDirHoldsAStoredKeyInClear() {
        SealedKeyStore store = openRandom(dataDir);
        List<KeyPair> pairs = List.of(TestKeys.ecP384(), TestKeys.rsa2048(), TestKeys.ed25519());
        for (int i = 0; i < pairs.size(); i++) {
            store.put("key/" + i, pairs.get(i).getPrivate());
        }
        store.rotateKek(TestKeys.T0.plusSeconds(60));
        store.rewrap();

        for (Path file : TestKeys.regularFiles(dataDir)) {
            byte[] content = TestKeys.read(file);
            assertFalse(TestKeys.contains(content, "PRIVATE KEY".getBytes(StandardCharsets.US_ASCII)), file + " holds a PEM key");
            for (KeyPair pair : pairs) {
                byte[] pkcs8 = pair.getPrivate().getEncoded();
                assertFalse(TestKeys.contains(content, pkcs8), file + " holds PKCS#8 bytes");
                assertFalse(TestKeys.contains(content, Base64.getEncoder().encode(pkcs8)), file + " holds base64 PKCS#8");
            }
        }
    }

    @Test
    void fileNamesDoNotCarryTheCharactersOfTheId() {
        SealedKeyStore store = openRandom(dataDir);
        store.put("sa/../../escape", TestKeys.ecP256().getPrivate());

        Path file = TestKeys.onlyKeyFile(dataDir);

        assertEquals(dataDir.resolve("keys").toAbsolutePath(), file.getParent().toAbsolutePath());
        assertTrue(file.getFileName().toString().matches("[0-9a-f]+\\.key"), file.getFileName().toString());
        assertEquals(Set.of("sa/../../escape"), store.ids());
    }

    @Test
    void refusesIdsWithSpacesControlCharactersOrNonAscii() {
        SealedKeyStore store = openRandom(dataDir);
        PrivateKey key = TestKeys.ecP256().getPrivate();
        for (String id : List.of("", "ca/with space", "ca/new\nline", "ca/é", "x".repeat(121))) {
            assertThrows(IllegalArgumentException.class, () -> store.put(id, key), id);
        }
        assertEquals(Set.of(), store.ids());
    }

    @Test
    void keyAndKekFilesAreOwnerReadableOnly() throws IOException {
        SealedKeyStore store = openRandom(dataDir);
        store.put("ca/kubernetes-ca", TestKeys.ecP256().getPrivate());
        store.rotateKek(TestKeys.T0.plusSeconds(1));

        for (Path file : TestKeys.regularFiles(dataDir)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
        }
    }

    @Test
    void keyAndKekDirectoriesAreOwnerOnly() throws IOException {
        openRandom(dataDir);

        for (String dir : List.of("keys", "kek")) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(dir))), dir);
        }
    }

    @Test
    void openTightensAKeysDirectoryCreatedWithLooserPermissions() throws IOException {
        Files.createDirectories(dataDir.resolve("keys"));
        Files.setPosixFilePermissions(dataDir.resolve("keys"), PosixFilePermissions.fromString("rwxr-xr-x"));

        openRandom(dataDir);

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("keys"))));
    }

    @Test
    void tempFilesLeftByAnInterruptedWriteAreIgnored() throws IOException {
        SealedKeyStore store = openRandom(dataDir);
        KeyPair pair = TestKeys.ecP256();
        store.put("ca/kubernetes-ca", pair.getPrivate());
        Path keyFile = TestKeys.onlyKeyFile(dataDir);
        Files.write(keyFile.resolveSibling("." + keyFile.getFileName() + ".0f0e.tmp"), new byte[] {1, 2, 3});

        SealedKeyStore restarted = openRandom(dataDir);

        assertEquals(Set.of("ca/kubernetes-ca"), restarted.ids());
        assertArrayEquals(pair.getPrivate().getEncoded(), restarted.get("ca/kubernetes-ca").orElseThrow().getEncoded());
    }

    @Test
    void statusCountsKeysAndTheKekVersionsTheyUse() {
        SealedKeyStore store = openRandom(dataDir);
        store.put("a", TestKeys.ecP256().getPrivate());
        store.rotateKek(TestKeys.T0.plusSeconds(3600));
        store.put("b", TestKeys.ecP256().getPrivate());

        KeyStoreStatus status = store.status();

        assertEquals(new KeyStoreStatus(2, 2, TestKeys.T0.plusSeconds(3600), Set.of(1, 2), Set.of(1, 2)), status);
        assertTrue(status.rewrapPending());
    }
}
