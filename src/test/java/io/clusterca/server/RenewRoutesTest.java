package io.clusterca.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.ExtendedKeyUsage;
import io.clusterca.ca.authority.LeafSpec;
import io.clusterca.ca.authority.PublicEndpoints;
import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.issuance.PresentedCertificateCheck;
import io.clusterca.ca.issuance.Renewals;
import io.clusterca.ca.policy.ServingPolicy;
import io.clusterca.ca.policy.SignerNames;
import io.clusterca.ca.policy.SignerProfiles;
import io.clusterca.testing.Await;
import io.clusterca.testing.TestCsrs;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /v1/renew over real mutual TLS with the kubelet client profile. */
class RenewRoutesTest {
    @TempDir
    Path dataDir;
    TestServer ts;
    final Set<String> revokedSerials = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() {
        SignerProfiles profiles = SignerProfiles.standard(ServingPolicy.unrestricted());
        PresentedCertificateCheck revoked = cert -> {
            String serial = cert.getSerialNumber().toString(16);
            return revokedSerials.contains(serial) ? Optional.of("revoked by serialnumber " + serial) : Optional.empty();
        };
        ts = new TestServer(dataDir, profiles::forName, List.of(), revoked, s -> List.of(new RenewRoutes(s.vertx,
                new Renewals(s.authority.ledger(), s.authority.issuer(), revoked), s.metrics)));
    }

    @AfterEach
    void stop() {
        ts.close();
    }

    private record Held(X509Certificate cert, TestCsrs.Csr csr) {}

    private Held kubeletCertificate(String node) {
        String token = ts.authority.tokens().create(Duration.ofHours(1), Instant.now());
        TestCsrs.Csr csr = TestCsrs.of("CN=system:node:" + node + ",O=system:nodes");
        HttpResponse<Buffer> r = Await.result(ts.client().post("/v1/sign").putHeader("Authorization", "Bearer " + token)
                .sendBuffer(Buffer.buffer(new JsonObject().put("signerName", SignerNames.KUBELET_CLIENT)
                        .put("request", csr.pem()).encode())));
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return new Held(Pem.certificate(r.bodyAsJsonObject().getString("certificate")), csr);
    }

    private HttpResponse<Buffer> renew(Held held, String subject) {
        return Await.result(ts.mtlsClient(held.cert(), held.csr().keys()).post("/v1/renew")
                .sendBuffer(Buffer.buffer(new JsonObject().put("request", TestCsrs.of(subject).pem()).encode())));
    }

    @Test
    void theHolderOfACurrentCertificateGetsANewOneForTheSameIdentity() {
        Held held = kubeletCertificate("worker-1");
        HttpResponse<Buffer> r = renew(held, "CN=system:node:worker-1,O=system:nodes");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        X509Certificate renewed = Pem.certificate(r.bodyAsJsonObject().getString("certificate"));
        assertNotEquals(held.cert().getSerialNumber(), renewed.getSerialNumber());
        assertEquals(held.cert().getSubjectX500Principal(), renewed.getSubjectX500Principal());
        String requester = ts.authority.ledger().bySerial(r.bodyAsJsonObject().getString("serial")).orElseThrow().requester();
        assertTrue(requester.contains("renewing " + held.cert().getSerialNumber().toString(16)), requester);
    }

    @Test
    void aRequestForAnotherSubjectIsRefused() {
        HttpResponse<Buffer> r = renew(kubeletCertificate("worker-1"), "CN=system:node:worker-2,O=system:nodes");
        assertEquals(403, r.statusCode());
        assertTrue(r.bodyAsJsonObject().getString("reason").startsWith("renewal must keep the subject"), r.bodyAsString());
    }

    @Test
    void aRevokedCertificateCannotRenewAndTheRuleIsNamed() {
        Held held = kubeletCertificate("worker-1");
        revokedSerials.add(held.cert().getSerialNumber().toString(16));
        HttpResponse<Buffer> r = renew(held, "CN=system:node:worker-1,O=system:nodes");
        assertEquals(403, r.statusCode());
        assertEquals("revoked by serialnumber " + held.cert().getSerialNumber().toString(16),
                r.bodyAsJsonObject().getString("reason"));
    }

    @Test
    void aRevokedClientCertificateCannotSignEither() {
        Held held = kubeletCertificate("worker-1");
        revokedSerials.add(held.cert().getSerialNumber().toString(16));
        HttpResponse<Buffer> r = Await.result(ts.mtlsClient(held.cert(), held.csr().keys()).post("/v1/sign")
                .sendBuffer(Buffer.buffer(new JsonObject().put("signerName", SignerNames.KUBELET_CLIENT)
                        .put("request", TestCsrs.of("CN=system:node:worker-1,O=system:nodes").pem()).encode())));
        assertEquals(403, r.statusCode());
        assertTrue(r.bodyAsJsonObject().getString("reason").startsWith("revoked by serialnumber"), r.bodyAsString());
    }

    @Test
    void withoutAClientCertificateRenewalIs401() {
        HttpResponse<Buffer> r = Await.result(ts.client().post("/v1/renew")
                .sendBuffer(Buffer.buffer(new JsonObject().put("request", TestCsrs.of("CN=x").pem()).encode())));
        assertEquals(401, r.statusCode());
    }

    @Test
    void aCertificateFromOurCaThatTheLedgerDoesNotKnowCannotRenew() {
        TestCsrs.Csr csr = TestCsrs.of("CN=system:node:ghost,O=system:nodes");
        LeafSpec spec = new LeafSpec(SignerNames.KUBELET_CLIENT, CaName.KUBERNETES_CA,
                new X500Name("CN=system:node:ghost,O=system:nodes"), List.of(), List.of(), List.of(), List.of(),
                Set.of(ExtendedKeyUsage.CLIENT_AUTH), csr.keys().getPublic(), Optional.empty());
        X509Certificate unrecorded = ts.authority.cas().get(CaName.KUBERNETES_CA)
                .sign(spec, Instant.now(), Duration.ofDays(1), Duration.ofDays(1), PublicEndpoints.NONE);
        HttpResponse<Buffer> r = renew(new Held(unrecorded, csr), "CN=system:node:ghost,O=system:nodes");
        assertEquals(403, r.statusCode());
        assertTrue(r.bodyAsJsonObject().getString("reason").contains("was not issued by this ClusterCA"), r.bodyAsString());
    }
}
