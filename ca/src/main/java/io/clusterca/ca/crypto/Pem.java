package io.clusterca.ca.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * PEM encoding and decoding of certificates, keys and CSRs. Parsing failures are reported as
 * {@link MalformedPemException} with a reason fit for a client (never the parser's stack trace).
 */
public final class Pem {
    private static final Base64.Encoder PEM_BASE64 = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private Pem() {}

    public static String encode(Object object) {
        if (object instanceof X509Certificate cert) {
            return certificate(cert);
        }
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * A certificate as PEM (RFC 7468: 64-character lines, LF), the same text JcaPEMWriter writes, by the
     * JDK's encoder: every issued chain is encoded on the request path, and BC's writer cost as much
     * there as the TLS record layer.
     */
    private static String certificate(X509Certificate cert) {
        byte[] der;
        try {
            der = cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        }
        return "-----BEGIN CERTIFICATE-----\n" + PEM_BASE64.encodeToString(der) + "\n-----END CERTIFICATE-----\n";
    }

    public static String encodeAll(List<?> objects) {
        StringBuilder sb = new StringBuilder();
        objects.forEach(o -> sb.append(encode(o)));
        return sb.toString();
    }

    /** Private keys are written as PKCS#8 ("PRIVATE KEY"), the format kubeadm and openssl 3 use. */
    public static String encodePrivateKey(PrivateKey key) {
        return encode(PrivateKeyInfo.getInstance(key.getEncoded()));
    }

    public static PKCS10CertificationRequest csr(String pem) {
        Object o = single(pem, "certificate request");
        if (o instanceof PKCS10CertificationRequest csr) {
            return csr;
        }
        throw new MalformedPemException("expected a PEM CERTIFICATE REQUEST, found " + describe(o));
    }

    public static X509Certificate certificate(String pem) {
        List<X509Certificate> certs = certificates(pem);
        if (certs.isEmpty()) {
            throw new MalformedPemException("no PEM CERTIFICATE found");
        }
        return certs.get(0);
    }

    public static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> out = new ArrayList<>();
        for (Object o : all(pem)) {
            if (o instanceof X509CertificateHolder holder) {
                out.add(toX509(holder));
            }
        }
        return List.copyOf(out);
    }

    public static PrivateKey privateKey(String pem) {
        Object o = single(pem, "private key");
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(Crypto.BC);
            if (o instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
        } catch (IOException e) {
            throw new MalformedPemException("unreadable private key: " + e.getMessage());
        }
        throw new MalformedPemException("expected a PEM PRIVATE KEY, found " + describe(o));
    }

    public static PublicKey publicKey(String pem) {
        Object o = single(pem, "public key");
        try {
            if (o instanceof SubjectPublicKeyInfo info) {
                return new JcaPEMKeyConverter().setProvider(Crypto.BC).getPublicKey(info);
            }
        } catch (IOException e) {
            throw new MalformedPemException("unreadable public key: " + e.getMessage());
        }
        throw new MalformedPemException("expected a PEM PUBLIC KEY, found " + describe(o));
    }

    /**
     * The certificate as the JDK's own X509Certificate: it keeps its DER encoding and parsed dates,
     * where BC's re-encodes the whole certificate on every getEncoded() and re-parses a date on every
     * getNotAfter(), and every issued certificate is encoded, recorded and answered at least once each.
     */
    public static X509Certificate toX509(X509CertificateHolder holder) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
        } catch (CertificateException | IOException e) {
            throw new MalformedPemException("unreadable certificate: " + e.getMessage());
        }
    }

    private static Object single(String pem, String what) {
        List<Object> objects = all(pem);
        if (objects.isEmpty()) {
            throw new MalformedPemException("no PEM " + what + " found");
        }
        return objects.get(0);
    }

    private static List<Object> all(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new MalformedPemException("empty PEM input");
        }
        List<Object> out = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                out.add(o);
            }
        } catch (IOException | RuntimeException e) {
            throw new MalformedPemException("malformed PEM: " + firstLine(e.getMessage()));
        }
        return out;
    }

    private static String describe(Object o) {
        return o.getClass().getSimpleName();
    }

    /** The parser's first line, without Java exception class names a client has no use for. */
    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable content";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.replaceAll("(?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ", "").trim();
    }

    /** Input that is not the PEM object the caller expected. Maps to HTTP 400 / CLI exit 2. */
    public static final class MalformedPemException extends IllegalArgumentException {
        public MalformedPemException(String reason) {
            super(reason);
        }
    }
}
