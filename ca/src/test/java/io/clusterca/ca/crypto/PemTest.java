package io.clusterca.ca.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.CertificateAuthority;
import java.io.IOException;
import java.io.StringWriter;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;

class PemTest {
    private static String byBouncyCastle(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    @Test
    void certificateIsEncodedExactlyAsBouncyCastlesPemWriterEncodesIt() throws Exception {
        for (KeyAlgorithm algorithm : new KeyAlgorithm[] {KeyAlgorithm.ECDSA_P384, KeyAlgorithm.RSA_4096}) {
            X509Certificate cert = CertificateAuthority.createRoot(CaName.KUBERNETES_CA, algorithm, Instant.now()).certificate();
            assertEquals(byBouncyCastle(cert), Pem.encode(cert), algorithm.name());
        }
    }

    @Test
    void encodedCertificateParsesBackToTheSameCertificate() {
        X509Certificate cert = CertificateAuthority.createRoot(CaName.ETCD_CA, KeyAlgorithm.ECDSA_P384, Instant.now()).certificate();
        assertEquals(cert, Pem.certificate(Pem.encode(cert)));
    }

    /** The JDK's certificate keeps its encoding; BC's re-encoded it on every call, on the request path. */
    @Test
    void issuedCertificatesAreTheJdksOwnX509Certificates() {
        X509Certificate cert = CertificateAuthority.createRoot(CaName.FRONT_PROXY_CA, KeyAlgorithm.ECDSA_P384, Instant.now()).certificate();

        assertEquals("sun.security.x509.X509CertImpl", cert.getClass().getName());
    }
}
