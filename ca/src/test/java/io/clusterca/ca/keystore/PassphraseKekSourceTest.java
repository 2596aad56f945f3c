package io.clusterca.ca.keystore;

import static io.clusterca.ca.keystore.TestKeys.CHEAP_ARGON2;
import static io.clusterca.ca.keystore.TestKeys.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.events.EventSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassphraseKekSourceTest {
    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    @TempDir
    Path dataDir;

    @Test
    void samePassphraseReadsTheKeysAfterReopenWithRecommendedCost() {
        KeyPair pair = TestKeys.ecP384();
        open(KekSource.passphrase(PASSPHRASE)).put("ca/kubernetes-ca", pair.getPrivate());

        SealedKeyStore restarted = open(KekSource.passphrase(PASSPHRASE.clone()));

        assertArrayEquals(pair.getPrivate().getEncoded(), restarted.get("ca/kubernetes-ca").orElseThrow().getEncoded());
    }

    @Test
    void wrongPassphraseFailsAtOpenWithAClearError() {
        open(cheap(PASSPHRASE)).put("ca/kubernetes-ca", TestKeys.ecP256().getPrivate());

        SealedKeyException e = assertThrows(SealedKeyException.class, () -> open(cheap("wrong horse".toCharArray())));

        assertEquals("KEK version 1: wrong passphrase (key-check value does not match)", e.getMessage());
    }

    @Test
    void derivedKekFilesHoldSaltCostAndCheckValueButNoKey() throws Exception {
        open(cheap(PASSPHRASE));

        String content = Files.readString(dataDir.resolve("kek/v1.kek"), StandardCharsets.US_ASCII);

        assertTrue(content.contains("\nkind argon2id\n"), content);
        assertTrue(content.contains("\nmemory-kib 1024\niterations 1\nparallelism 1\n"), content);
        assertTrue(content.contains("\nsalt "), content);
        assertTrue(content.contains("\ncheck "), content);
        assertFalse(content.contains("\nkey "), content);
    }

    @Test
    void eachKekVersionKeepsTheArgon2CostItWasCreatedWith() {
        SealedKeyStore first = open(cheap(PASSPHRASE));
        KeyPair pair = TestKeys.ecP256();
        first.put("a", pair.getPrivate());

        SealedKeyStore costlier = open(KekSource.passphrase(PASSPHRASE, new Argon2Params(2048, 2, 1)));
        costlier.rotateKek(T0.plus(Duration.ofDays(1)));

        assertArrayEquals(pair.getPrivate().getEncoded(), open(cheap(PASSPHRASE)).get("a").orElseThrow().getEncoded());
        assertTrue(TestKeys.read(dataDir.resolve("kek/v2.kek")).length > 0);
        assertTrue(new String(TestKeys.read(dataDir.resolve("kek/v2.kek")), StandardCharsets.US_ASCII).contains("memory-kib 2048"));
    }

    @Test
    void randomSourceCannotOpenAPassphraseStoreAndSaysWhatIsMissing() {
        open(cheap(PASSPHRASE));

        SealedKeyException e = assertThrows(SealedKeyException.class, () -> open(KekSource.random()));

        assertEquals("KEK version 1 is derived from a passphrase (Argon2id): set CLUSTERCA_KEK_PASSPHRASE to unlock it", e.getMessage());
    }

    @Test
    void storeMovesFromRandomToPassphraseKeksByRotatingAndRewrapping() {
        KeyPair pair = TestKeys.ecP384();
        open(KekSource.random()).put("ca/etcd-ca", pair.getPrivate());

        SealedKeyStore migrating = open(cheap(PASSPHRASE));
        migrating.rotateKek(T0.plus(Duration.ofDays(1)));
        assertEquals(Set.of(1), migrating.rewrap().removedKekVersions());

        assertArrayEquals(pair.getPrivate().getEncoded(), open(cheap(PASSPHRASE)).get("ca/etcd-ca").orElseThrow().getEncoded());
        assertThrows(SealedKeyException.class, () -> open(KekSource.random()));
    }

    @Test
    void environmentWithThePassphraseSelectsArgon2id() {
        KekSource source = KekSource.fromEnvironment(Map.of("CLUSTERCA_KEK_PASSPHRASE", "s3cret passphrase"));

        assertTrue(source.description().startsWith("Argon2id passphrase"), source.description());
        assertFalse(source.toString().contains("s3cret"));
    }

    @Test
    void environmentWithoutThePassphraseSelectsRandomKekFiles() {
        assertEquals("random KEK files", KekSource.fromEnvironment(Map.of("HOME", "/root")).description());
    }

    @Test
    void blankPassphraseInTheEnvironmentIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KekSource.fromEnvironment(Map.of("CLUSTERCA_KEK_PASSPHRASE", "  ")));

        assertEquals("CLUSTERCA_KEK_PASSPHRASE is set but empty", e.getMessage());
    }

    private SealedKeyStore open(KekSource source) {
        return SealedKeyStore.open(dataDir, source, EventSink.NONE, TestKeys.CLOCK);
    }

    private static KekSource cheap(char[] passphrase) {
        return KekSource.passphrase(passphrase, CHEAP_ARGON2);
    }
}
