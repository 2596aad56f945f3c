package io.clusterca.ca.keystore;

import static io.clusterca.ca.keystore.TestKeys.openRandom;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sealed key whose file was altered, swapped or wrapped with a foreign KEK fails with a message naming the key. */
class SealedKeyStoreTamperingTest {
    private static final String ID = "ca/etcd-ca";
    private static final String OTHER = "ca/aaa-ca";

    @TempDir
    Path dataDir;
    SealedKeyStore store;
    KeyPair pair;

    @BeforeEach
    void storeOneKey() {
        store = openRandom(dataDir);
        pair = TestKeys.ecP384();
        store.put(ID, pair.getPrivate());
    }

    @Test
    void flippedCiphertextByteIsReportedAsTampered() {
        alter(ID, bytes -> bytes[bytes.length - 1] ^= 1);

        assertFailure("key ca/etcd-ca: authentication failed decrypting the key data (tampered file)", ID);
    }

    @Test
    void flippedDataNonceIsReportedAsTampered() {
        SealedKeyFile sealed = sealed(ID);
        byte[] nonce = sealed.dataNonce().clone();
        nonce[0] ^= 1;
        rewrite(ID, new SealedKeyFile(ID, sealed.kekVersion(), sealed.wrapNonce(), sealed.wrappedDek(), nonce, sealed.ciphertext()));

        assertFailure("key ca/etcd-ca: authentication failed decrypting the key data (tampered file)", ID);
    }

    @Test
    void flippedWrappedDekFailsToUnwrap() {
        SealedKeyFile sealed = sealed(ID);
        byte[] wrapped = sealed.wrappedDek().clone();
        wrapped[3] ^= 0x40;
        rewrite(ID, sealed.withWrappedDek(sealed.kekVersion(), sealed.wrapNonce(), wrapped));

        assertFailure("key ca/etcd-ca: authentication failed unwrapping its data key with KEK version 1 (wrong KEK or tampered file)", ID);
    }

    @Test
    void headerClaimingAnotherKekVersionFailsToUnwrap() {
        store.rotateKek(TestKeys.T0.plusSeconds(60));
        SealedKeyFile sealed = sealed(ID);
        rewrite(ID, sealed.withWrappedDek(2, sealed.wrapNonce(), sealed.wrappedDek()));

        assertFailure("key ca/etcd-ca: authentication failed unwrapping its data key with KEK version 2 (wrong KEK or tampered file)", ID);
    }

    @Test
    void headerNamingAnUnknownKekVersionSaysWhichIsMissing() {
        SealedKeyFile sealed = sealed(ID);
        rewrite(ID, sealed.withWrappedDek(7, sealed.wrapNonce(), sealed.wrappedDek()));

        SealedKeyException e = assertThrows(SealedKeyException.class, () -> store.get(ID));
        assertEquals("key ca/etcd-ca: KEK version 7 is missing (" + dataDir.toAbsolutePath().resolve("kek/v7.kek") + ")", e.getMessage());
    }

    @Test
    void fileMovedToAnotherIdIsRefused() throws Exception {
        store.put(OTHER, TestKeys.ecP384().getPrivate());

        Files.copy(keyFile(ID), keyFile(OTHER), StandardCopyOption.REPLACE_EXISTING);

        assertFailure("key ca/aaa-ca: file " + keyFile(OTHER).getFileName() + " holds key ca/etcd-ca (moved or swapped file)", OTHER);
    }

    @Test
    void movedFileWithItsHeaderIdRewrittenFailsAuthentication() {
        SealedKeyFile sealed = sealed(ID);
        rewrite(OTHER, new SealedKeyFile(OTHER, sealed.kekVersion(), sealed.wrapNonce(), sealed.wrappedDek(),
                sealed.dataNonce(), sealed.ciphertext()));

        assertFailure("key ca/aaa-ca: authentication failed unwrapping its data key with KEK version 1 (wrong KEK or tampered file)", OTHER);
    }

    @Test
    void dataKeySwappedInFromAnotherKeyFailsAuthentication() {
        store.put(OTHER, TestKeys.ecP384().getPrivate());
        SealedKeyFile mine = sealed(ID);
        SealedKeyFile theirs = sealed(OTHER);
        rewrite(ID, mine.withWrappedDek(theirs.kekVersion(), theirs.wrapNonce(), theirs.wrappedDek()));

        assertFailure("key ca/etcd-ca: authentication failed unwrapping its data key with KEK version 1 (wrong KEK or tampered file)", ID);
    }

    @Test
    void keysFailClearlyUnderAForeignKek(@TempDir Path other) {
        // e.g. the kek dir restored from another cluster's backup
        openRandom(other);
        TestKeys.write(dataDir.resolve("kek/v1.kek"), TestKeys.read(other.resolve("kek/v1.kek")));

        assertFailure("key ca/etcd-ca: authentication failed unwrapping its data key with KEK version 1 (wrong KEK or tampered file)", ID);
    }

    @Test
    void truncatedFileIsReportedAsMalformed() {
        byte[] bytes = TestKeys.read(keyFile(ID));
        TestKeys.write(keyFile(ID), Arrays.copyOf(bytes, 20));

        assertFailure("key ca/etcd-ca: truncated sealed key file (" + keyFile(ID).getFileName() + ")", ID);
    }

    @Test
    void fileThatIsNotASealedKeyIsReportedAsSuch() {
        TestKeys.write(keyFile(ID), "-----BEGIN PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII));

        assertFailure("key ca/etcd-ca: not a sealed key file (bad magic) (" + keyFile(ID).getFileName() + ")", ID);
    }

    @Test
    void malformedKekFileNamesTheVersion() {
        TestKeys.write(dataDir.resolve("kek/v1.kek"), "clusterca-kek 1\nversion 1\n".getBytes(StandardCharsets.US_ASCII));

        assertFailure("KEK version 1: malformed KEK file: missing 'created'", ID);
    }

    @Test
    void renamedKekFileIsRefused() throws Exception {
        store.rotateKek(TestKeys.T0.plusSeconds(60));
        Files.copy(dataDir.resolve("kek/v2.kek"), dataDir.resolve("kek/v1.kek"), StandardCopyOption.REPLACE_EXISTING);

        assertFailure("KEK version 1: file declares version 2 (renamed KEK file?)", ID);
    }

    @Test
    void failureMessagesCarryNoKeyMaterial() {
        alter(ID, bytes -> bytes[bytes.length - 1] ^= 1);

        String message = assertThrows(SealedKeyException.class, () -> store.get(ID)).getMessage();

        byte[] pkcs8 = pair.getPrivate().getEncoded();
        String hex = HexFormat.of().formatHex(pkcs8);
        assertEquals(-1, message.indexOf(hex.substring(hex.length() - 16)));
        assertEquals(-1, message.indexOf(Base64.getEncoder().encodeToString(pkcs8).substring(0, 16)));
    }

    @Test
    void aTamperedKeyLeavesOtherKeysReadable() {
        KeyPair other = TestKeys.ecP384();
        store.put(OTHER, other.getPrivate());
        alter(ID, bytes -> bytes[bytes.length - 1] ^= 1);

        assertArrayEquals(other.getPrivate().getEncoded(), store.get(OTHER).orElseThrow().getEncoded());
    }

    private void assertFailure(String message, String id) {
        SealedKeyException e = assertThrows(SealedKeyException.class, () -> store.get(id));
        assertEquals(message, e.getMessage());
    }

    private Path keyFile(String id) {
        return dataDir.resolve("keys").resolve(KeyFileNames.fileName(id));
    }

    private SealedKeyFile sealed(String id) {
        return SealedKeyFile.parse(TestKeys.read(keyFile(id)));
    }

    private void rewrite(String id, SealedKeyFile file) {
        TestKeys.write(keyFile(id), file.encode());
    }

    private void alter(String id, Consumer<byte[]> change) {
        byte[] bytes = TestKeys.read(keyFile(id));
        change.accept(bytes);
        TestKeys.write(keyFile(id), bytes);
    }
}
