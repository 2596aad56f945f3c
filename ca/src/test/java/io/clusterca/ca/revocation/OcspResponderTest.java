package io.clusterca.ca.revocation;

import static io.clusterca.ca.revocation.Rules.rule;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.crypto.Crypto;
import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.ledger.InMemoryLedger;
import io.clusterca.ca.revocation.RevocationRegistryTest.MutableClock;
import io.clusterca.testing.Openssl;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OcspResponderTest {
    // openssl checks thisUpdate/nextUpdate against the real clock.
    private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    private static CertificateAuthority ca;
    private static CertificateAuthority otherCa;

    private final MutableClock clock = new MutableClock(NOW);
    private final RevocationRegistry registry = new RevocationRegistry(clock);
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final OcspResponder responder = new OcspResponder(ca, ledger, registry, clock, Duration.ofHours(1));

    @TempDir
    Path dir;

    @BeforeAll
    static void createCas() {
        ca = TestPki.root(CaName.KUBERNETES_CA, NOW.minus(Duration.ofDays(1)));
        otherCa = TestPki.root(CaName.FRONT_PROXY_CA, NOW.minus(Duration.ofDays(1)));
    }

    private X509Certificate issue(CertificateAuthority issuer, String node) {
        X509Certificate cert = TestPki.kubelet(issuer, NOW.minus(Duration.ofHours(1)), node);
        ledger.record(cert, TestPki.KUBELET_CLIENT, issuer.name().id(), "test");
        return cert;
    }

    /**
     * openssl builds the request (with a nonce), we answer, and openssl checks the answer twice: once
     * against its own request (signature and nonce; given -cert, openssl would build a fresh request and
     * skip the nonce), once against the certificate, to print its status.
     */
    private Openssl.Result askOpenssl(X509Certificate leaf) throws Exception {
        Files.writeString(dir.resolve("ca.pem"), Pem.encode(ca.certificate()));
        Files.writeString(dir.resolve("leaf.pem"), Pem.encode(leaf));
        Openssl.Result request = Openssl.run(dir, "ocsp", "-issuer", "ca.pem", "-cert", "leaf.pem", "-reqout", "req.der");
        assertEquals(0, request.exitCode(), request.output());
        Files.write(dir.resolve("resp.der"), responder.respond(Files.readAllBytes(dir.resolve("req.der"))));

        Openssl.Result verified = Openssl.run(dir, "ocsp", "-reqin", "req.der", "-respin", "resp.der", "-CAfile", "ca.pem",
                "-issuer", "ca.pem");
        assertEquals(0, verified.exitCode(), verified.output());
        assertTrue(verified.output().contains("Response verify OK"), verified.output());
        assertFalse(verified.output().toLowerCase(java.util.Locale.ROOT).contains("nonce"), verified.output());
        return Openssl.run(dir, "ocsp", "-respin", "resp.der", "-CAfile", "ca.pem", "-issuer", "ca.pem",
                "-cert", "leaf.pem", "-no_nonce", "-validity_period", "300");
    }

    private static String bcStatusLine(byte[] response) throws Exception {
        return String.valueOf(new OCSPResp(response).getStatus());
    }

    private static SingleResp single(byte[] response) throws Exception {
        OCSPResp resp = new OCSPResp(response);
        assertEquals(OCSPResp.SUCCESSFUL, resp.getStatus());
        return ((BasicOCSPResp) resp.getResponseObject()).getResponses()[0];
    }

    private static byte[] request(CertificateAuthority issuer, BigInteger serial, Extensions extensions) throws Exception {
        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().setProvider(Crypto.BC).build();
        CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(issuer.certificate()), serial);
        OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(id);
        if (extensions != null) {
            builder.setRequestExtensions(extensions);
        }
        return builder.build().getEncoded();
    }

    @Test
    void opensslSeesAnUnrevokedCertificateAsGood() throws Exception {
        X509Certificate leaf = issue(ca, "n1");

        Openssl.Result result = askOpenssl(leaf);

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("Response verify OK"), result.output());
        assertTrue(result.output().contains("leaf.pem: good"), result.output());
    }

    @Test
    void opensslSeesARevokedCertificateAsRevoked() throws Exception {
        X509Certificate leaf = issue(ca, "n1");
        registry.replaceSource("test", List.of(rule("DNS", ".nodes.cluster.local")));

        Openssl.Result result = askOpenssl(leaf);

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("Response verify OK"), result.output());
        assertTrue(result.output().contains("leaf.pem: revoked"), result.output());
    }

    @Test
    void opensslSeesACertificateMissingFromTheLedgerAsUnknown() throws Exception {
        X509Certificate leaf = TestPki.kubelet(ca, NOW, "never-recorded");

        Openssl.Result result = askOpenssl(leaf);

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("Response verify OK"), result.output());
        assertTrue(result.output().contains("leaf.pem: unknown"), result.output());
    }

    @Test
    void revocationTimeIsWhenTheRuleCameIntoForceAndNoReasonIsGiven() throws Exception {
        X509Certificate leaf = issue(ca, "n1");
        clock.advance(Duration.ofMinutes(10));
        registry.replaceSource("test", List.of(rule("serialnumber", TestPki.serial(leaf))));
        clock.advance(Duration.ofMinutes(10));

        SingleResp single = single(responder.respond(request(ca, leaf.getSerialNumber(), null)));

        RevokedStatus status = assertInstanceOf(RevokedStatus.class, single.getCertStatus());
        assertEquals(NOW.plus(Duration.ofMinutes(10)), status.getRevocationTime().toInstant());
        assertFalse(status.hasRevocationReason());
    }

    @Test
    void aCertificateOfAnotherCaIsUnknownEvenWithASerialWeIssued() throws Exception {
        X509Certificate ours = issue(ca, "n1");

        SingleResp single = single(responder.respond(request(otherCa, ours.getSerialNumber(), null)));

        assertInstanceOf(UnknownStatus.class, single.getCertStatus());
    }

    @Test
    void aSerialAnotherCaIssuedIsUnknownWhenAskedAsOurs() throws Exception {
        X509Certificate theirs = issue(otherCa, "n1");

        SingleResp single = single(responder.respond(request(ca, theirs.getSerialNumber(), null)));

        assertInstanceOf(UnknownStatus.class, single.getCertStatus());
    }

    @Test
    void echoesTheNonce() throws Exception {
        X509Certificate leaf = issue(ca, "n1");
        byte[] nonce = new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        Extensions ext = new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                new DEROctetString(new DEROctetString(nonce))));

        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(responder.respond(request(ca, leaf.getSerialNumber(), ext)))
                .getResponseObject();

        assertArrayEquals(ext.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue().getOctets(),
                basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue().getOctets());
    }

    @Test
    void isSignedByTheCaAndNamesItByKeyHash() throws Exception {
        X509Certificate leaf = issue(ca, "n1");
        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(responder.respond(request(ca, leaf.getSerialNumber(), null)))
                .getResponseObject();
        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().setProvider(Crypto.BC).build();

        assertTrue(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Crypto.BC)
                .build(ca.certificate().getPublicKey())));
        assertEquals(new RespID(new JcaX509CertificateHolder(ca.certificate()).getSubjectPublicKeyInfo(),
                digests.get(CertificateID.HASH_SHA1)), basic.getResponderId());
    }

    @Test
    void answersAreValidForTheConfiguredTime() throws Exception {
        X509Certificate leaf = issue(ca, "n1");

        SingleResp single = single(responder.respond(request(ca, leaf.getSerialNumber(), null)));

        assertEquals(NOW, single.getThisUpdate().toInstant());
        assertEquals(NOW.plus(Duration.ofHours(1)), single.getNextUpdate().toInstant());
        assertNull(single.getCertStatus(), "null is BouncyCastle's 'good'");
    }

    @Test
    void garbageGetsAMalformedRequestResponse() throws Exception {
        for (byte[] garbage : List.of(new byte[0], "hello".getBytes(), new byte[] {0x30, 0x03, 0x02, 0x01, 0x01},
                new byte[] {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff})) {
            assertEquals(String.valueOf(OCSPResp.MALFORMED_REQUEST), bcStatusLine(responder.respond(garbage)));
        }
    }

    @Test
    void opensslReadsTheMalformedRequestResponse() throws Exception {
        Files.write(dir.resolve("resp.der"), responder.respond("not ocsp".getBytes()));

        Openssl.Result result = Openssl.run(dir, "ocsp", "-respin", "resp.der", "-resp_text", "-noverify");

        assertTrue(result.output().contains("malformedrequest"), result.output());
    }
}
