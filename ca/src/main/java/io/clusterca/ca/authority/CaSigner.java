package io.clusterca.ca.authority;

import io.clusterca.ca.crypto.Crypto;
import io.clusterca.ca.crypto.KeyAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.ECKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A CA private key as the signing provider ({@link Crypto#signer()}) holds it, decoded once: handed a
 * foreign key, a provider would translate it from its encoding on every signature. If that provider
 * cannot take the key, BC signs with it as it is. Not a record: a record's toString would print the key.
 */
final class CaSigner {
    private final Provider provider;
    private final PrivateKey key;
    private final KeyAlgorithm algorithm;

    private CaSigner(Provider provider, PrivateKey key, KeyAlgorithm algorithm) {
        this.provider = provider;
        this.key = key;
        this.algorithm = algorithm;
    }

    static CaSigner of(PrivateKey key, KeyAlgorithm algorithm) {
        return of(key, algorithm, Crypto.signer());
    }

    static CaSigner of(PrivateKey key, KeyAlgorithm algorithm, Provider preferred) {
        if (preferred != Crypto.BC) {
            byte[] pkcs8 = key.getEncoded();
            try {
                String type = key instanceof ECKey ? "EC" : key.getAlgorithm();
                PrivateKey translated = KeyFactory.getInstance(type, preferred).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                return new CaSigner(preferred, translated, algorithm);
            } catch (GeneralSecurityException | RuntimeException e) {
                // A key the native provider cannot take (a curve it lacks): BC signs, as it always could.
            } finally {
                Arrays.fill(pkcs8, (byte) 0);
            }
        }
        return new CaSigner(Crypto.BC, key, algorithm);
    }

    Provider provider() {
        return provider;
    }

    ContentSigner contentSigner() {
        try {
            return new JcaContentSignerBuilder(algorithm.signatureAlgorithm()).setProvider(provider)
                    .setSecureRandom(Crypto.random()).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with " + algorithm.flag(), e);
        }
    }

    @Override
    public String toString() {
        return "CaSigner[" + algorithm.flag() + " by " + provider.getName() + "]";
    }
}
