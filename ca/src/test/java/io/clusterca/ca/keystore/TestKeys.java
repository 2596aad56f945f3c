package io.clusterca.ca.keystore;

import io.clusterca.ca.crypto.Crypto;
import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.events.EventSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

/** Keys, clocks and file helpers shared by the key store tests. */
final class TestKeys {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    /** Cheap Argon2 cost so passphrase tests that are not about the cost stay fast. */
    static final Argon2Params CHEAP_ARGON2 = new Argon2Params(1024, 1, 1);

    private TestKeys() {}

    static SealedKeyStore openRandom(Path dataDir) {
        return SealedKeyStore.open(dataDir, KekSource.random(), EventSink.NONE, CLOCK);
    }

    static KeyPair ecP384() {
        return KeyAlgorithm.ECDSA_P384.generate();
    }

    static KeyPair ecP256() {
        return KeyAlgorithm.ECDSA_P256.generate();
    }

    static KeyPair rsa2048() {
        return KeyAlgorithm.RSA_2048.generate();
    }

    static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519", Crypto.BC).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when {@code privateKey} makes signatures that {@code publicKey} verifies: the same key pair. */
    static boolean pairs(PrivateKey privateKey, PublicKey publicKey) {
        String algorithm = switch (publicKey.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> "Ed25519";
        };
        try {
            byte[] data = "clusterca".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm, Crypto.BC);
            signer.initSign(privateKey);
            signer.update(data);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm, Crypto.BC);
            verifier.initVerify(publicKey);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> regularFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path onlyKeyFile(Path dataDir) {
        List<Path> files = regularFiles(dataDir.resolve("keys")).stream()
                .filter(p -> p.getFileName().toString().endsWith(".key")).toList();
        if (files.size() != 1) {
            throw new IllegalStateException("expected one key file, found " + files);
        }
        return files.get(0);
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
