package io.clusterca.ca.keystore;

import java.time.Instant;
import javax.crypto.SecretKey;

/** A fresh random 256-bit KEK per version, stored in the version's owner-only file. */
final class RandomKekSource extends KekSource {
    @Override
    public String description() {
        return "random KEK files";
    }

    @Override
    Created create(int version, Instant created) {
        KekFile.Random file = new KekFile.Random(version, created, Aes256Gcm.randomBytes(Aes256Gcm.KEY_BYTES));
        return new Created(file, Aes256Gcm.key(file.key()));
    }

    @Override
    SecretKey derive(KekFile.Derived file) {
        throw new SealedKeyException("KEK version " + file.version() + " is derived from a passphrase (Argon2id): set "
                + PASSPHRASE_ENV + " to unlock it");
    }
}
