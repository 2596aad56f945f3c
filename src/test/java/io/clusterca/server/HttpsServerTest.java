package io.clusterca.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.authority.ExtendedKeyUsage;
import io.clusterca.ca.authority.LeafSpec;
import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.crypto.Crypto;
import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.policy.CertificateRequest;
import io.clusterca.ca.policy.PolicyDecision;
import io.clusterca.ca.policy.SignerProfile;
import io.clusterca.testing.Await;
import io.clusterca.testing.Openssl;
import io.clusterca.testing.TestCsrs;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS transport over real TLS: auth, error mapping, signing off the event loop, cert swap. */
class HttpsServerTest {
    /** Approves any CSR as a client cert; refuses CN=refuse-me with a named rule. */
    static final SignerProfile TEST_PROFILE = new SignerProfile() {
        @Override
        public String signerName() {
            return "test/client";
        }

        @Override
        public CaName ca() {
            return CaName.KUBERNETES_CA;
        }

        @Override
        public PolicyDecision evaluate(CertificateRequest r) {
            if (r.csr().getSubject().toString().contains("refuse-me")) {
                return new PolicyDecision.Refused("subject common name refuse-me is not allowed");
            }
            try {
                return new PolicyDecision.Approved(new LeafSpec(signerName(), ca(), r.csr().getSubject(), List.of(),
                        List.of(), List.of(), List.of(), Set.of(ExtendedKeyUsage.CLIENT_AUTH),
                        new JcaPEMKeyConverter().setProvider(Crypto.BC).getPublicKey(r.csr().getSubjectPublicKeyInfo()),
                        r.expiration()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    };

    @TempDir
    Path dataDir;
    @TempDir
    Path work;
    TestServer ts;
    String token;

    @BeforeEach
    void start() {
        ts = new TestServer(dataDir, name -> name.equals("test/client") ? Optional.of(TEST_PROFILE) : Optional.empty(),
                List.of(), s -> List.of());
        token = ts.authority.tokens().create(Duration.ofHours(1), ts.authority.clock().instant());
    }

    @AfterEach
    void stop() {
        ts.close();
    }

    private HttpResponse<Buffer> sign(String bearer, String body) {
        var req = ts.client().post("/v1/sign");
        if (bearer != null) {
            req.putHeader("Authorization", "Bearer " + bearer);
        }
        return Await.result(req.sendBuffer(Buffer.buffer(body)));
    }

    private static String signBody(String csrPem) {
        return new JsonObject().put("signerName", "test/client").put("request", csrPem).encode();
    }

    @Test
    void healthzAnswersOverTlsVerifiedAgainstTheClusterCa() {
        HttpResponse<Buffer> r = Await.result(ts.client().get("/healthz").send());
        assertEquals(200, r.statusCode());
        assertEquals("ok", r.bodyAsString());
    }

    @Test
    void servesEachCaCertificateAsPem() {
        HttpResponse<Buffer> r = Await.result(ts.client().get("/v1/ca/etcd-ca").send());
        assertEquals(200, r.statusCode());
        assertEquals("CN=etcd-ca", Pem.certificate(r.bodyAsString()).getSubjectX500Principal().getName());
        assertEquals(404, Await.result(ts.client().get("/v1/ca/nope").send()).statusCode());
    }

    @Test
    void anUnknownPathIs404AsJson() {
        HttpResponse<Buffer> r = Await.result(ts.client().get("/no/such/thing").send());
        assertEquals(404, r.statusCode());
        assertEquals("not_found", r.bodyAsJsonObject().getString("error"));
    }

    @Test
    void aWrongMethodIs405AsJson() {
        HttpResponse<Buffer> r = Await.result(ts.client().get("/v1/sign").send());
        assertEquals(405, r.statusCode());
        assertEquals("method_not_allowed", r.bodyAsJsonObject().getString("error"));
    }

    @Test
    void signingWithoutCredentialsIs401WithAJsonReason() {
        HttpResponse<Buffer> r = sign(null, signBody(TestCsrs.of("CN=a").pem()));
        assertEquals(401, r.statusCode());
        assertEquals("unauthorized", r.bodyAsJsonObject().getString("error"));
    }

    @Test
    void aWrongTokenIs401() {
        assertEquals(401, sign("abcdef.0123456789abcdef", signBody(TestCsrs.of("CN=a").pem())).statusCode());
    }

    @Test
    void aValidTokenGetsAChainThatOpensslVerifies() {
        HttpResponse<Buffer> r = sign(token, signBody(TestCsrs.of("CN=alice").pem()));
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject json = r.bodyAsJsonObject();
        List<X509Certificate> chain = Pem.certificates(json.getString("certificate"));
        assertEquals(2, chain.size());
        assertEquals(chain.get(0).getSerialNumber().toString(16), json.getString("serial"));
        assertTrue(json.getString("serial").matches("[0-9a-f]+"));
        assertEquals(chain.get(0).getNotAfter().toInstant().toString(), json.getString("notAfter"));
        Openssl.Result verify = Openssl.verify(work, ts.clusterCaPem(), json.getString("certificate"));
        assertEquals(0, verify.exitCode(), verify.output());
    }

    @Test
    void theIssuedCertificateIsInTheLedgerWithTheTokenAsRequester() {
        String serial = sign(token, signBody(TestCsrs.of("CN=bob").pem())).bodyAsJsonObject().getString("serial");
        assertEquals("system:bootstrap:" + token.substring(0, 6), ts.authority.ledger().bySerial(serial).orElseThrow().requester());
    }

    @Test
    void aPolicyRefusalIs403NamingTheRule() {
        HttpResponse<Buffer> r = sign(token, signBody(TestCsrs.of("CN=refuse-me").pem()));
        assertEquals(403, r.statusCode());
        assertEquals("subject common name refuse-me is not allowed", r.bodyAsJsonObject().getString("reason"));
    }

    @Test
    void malformedJsonIs400() {
        HttpResponse<Buffer> r = sign(token, "{not json");
        assertEquals(400, r.statusCode());
        assertEquals("body is not a JSON object", r.bodyAsJsonObject().getString("reason"));
    }

    @Test
    void aMissingFieldIs400NamingIt() {
        HttpResponse<Buffer> r = sign(token, new JsonObject().put("signerName", "test/client").encode());
        assertEquals(400, r.statusCode());
        assertEquals("field request is required and must be a string", r.bodyAsJsonObject().getString("reason"));
    }

    @Test
    void aMalformedCsrIs400WithoutAStackTrace() {
        HttpResponse<Buffer> r = sign(token, signBody("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n"));
        assertEquals(400, r.statusCode());
        assertTrue(r.bodyAsJsonObject().getString("reason").startsWith("request: "), r.bodyAsString());
        assertFalse(r.bodyAsString().contains("Exception"), r.bodyAsString());
    }

    @Test
    void aBodyOverFourMebibytesIs413AsJson() {
        HttpResponse<Buffer> r = sign(token, "x".repeat(ServerSettings.MAX_BODY_BYTES + 1));
        assertEquals(413, r.statusCode());
        assertEquals("too_large", r.bodyAsJsonObject().getString("error"));
    }

    @Test
    void aClientCertificateFromOurCaMakesItsSubjectTheRequester() {
        TestCsrs.Csr csr = TestCsrs.of("CN=system:node:n1,O=system:nodes");
        X509Certificate cert = Pem.certificate(sign(token, signBody(csr.pem())).bodyAsJsonObject().getString("certificate"));
        HttpResponse<Buffer> r = Await.result(ts.mtlsClient(cert, csr.keys()).post("/v1/sign")
                .sendBuffer(Buffer.buffer(signBody(TestCsrs.of("CN=system:node:n1,O=system:nodes").pem()))));
        assertEquals(200, r.statusCode(), r.bodyAsString());
        String serial = r.bodyAsJsonObject().getString("serial");
        assertEquals("system:node:n1", ts.authority.ledger().bySerial(serial).orElseThrow().requester());
    }

    @Test
    void theServingCertificateIsSwappedWithoutRestart() {
        String before = ts.server.servingCertificate().certificate().getSerialNumber().toString(16);
        Await.result(ts.server.renewServingCertificate());
        String after = ts.server.servingCertificate().certificate().getSerialNumber().toString(16);
        assertNotEquals(before, after);
        HttpResponse<Buffer> r = Await.result(ts.client().get("/healthz").send());
        assertEquals(200, r.statusCode());
        // The new connection saw the new certificate.
        assertTrue(ts.authority.ledger().bySerial(after).isPresent());
    }

    @Test
    void theServingCertificateNamesTheServiceAndLoopback() throws Exception {
        X509Certificate cert = ts.server.servingCertificate().certificate();
        String sans = cert.getSubjectAlternativeNames().toString();
        assertTrue(sans.contains("clusterca.clusterca.svc") && sans.contains("localhost") && sans.contains("127.0.0.1"), sans);
        assertTrue(cert.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"));
    }
}
