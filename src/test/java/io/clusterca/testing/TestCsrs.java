package io.clusterca.testing;

import io.clusterca.ca.crypto.Crypto;
import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.crypto.Pem;
import java.security.KeyPair;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** CSRs for server-level tests. */
public final class TestCsrs {
    private TestCsrs() {}

    public record Csr(KeyPair keys, PKCS10CertificationRequest csr) {
        public String pem() {
            return Pem.encode(csr);
        }
    }

    public static Csr of(String subject) {
        KeyPair keys = KeyAlgorithm.ECDSA_P256.generate();
        try {
            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Crypto.BC).build(keys.getPrivate()));
            return new Csr(keys, csr);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
