package io.clusterca.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.events.EventSink;
import io.clusterca.ca.revocation.RevocationSpecParser;
import io.clusterca.testing.Await;
import io.clusterca.webhook.AdmissionCodec;
import io.clusterca.webhook.AdmissionHandler;
import io.clusterca.webhook.InMemoryLegacyTokenSecrets;
import io.clusterca.webhook.TokenPolicy;
import io.clusterca.webhook.WebhookSettings;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /validate over real HTTPS with realistic AdmissionReviews (the webhook's own fixtures). */
class ValidateRoutesTest {
    @TempDir
    Path dataDir;
    TestServer ts;

    @BeforeEach
    void start() {
        AdmissionHandler handler = new AdmissionHandler(new AdmissionCodec(),
                TokenPolicy.of(WebhookSettings.defaults(), new InMemoryLegacyTokenSecrets(), RevocationSpecParser::validate));
        ts = new TestServer(dataDir, name -> Optional.empty(), List.of(),
                s -> List.of(new ValidateRoutes(handler, EventSink.NONE, s.metrics, Clock.systemUTC())));
    }

    @AfterEach
    void stop() {
        ts.close();
    }

    private static String fixture(String name) throws Exception {
        try (Stream<Path> files = Files.walk(Path.of("webhook/src/test/resources/admission"))) {
            return Files.readString(files.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow());
        }
    }

    private HttpResponse<Buffer> review(String body) {
        return Await.result(ts.client().post("/validate").putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)));
    }

    @Test
    void aLegacyTokenSecretIsDeniedWith403StatusAndTheSameUid() throws Exception {
        String request = fixture("create-legacy-token-type.json");
        HttpResponse<Buffer> r = review(request);
        assertEquals(200, r.statusCode());
        JsonObject answer = r.bodyAsJsonObject();
        assertEquals("admission.k8s.io/v1", answer.getString("apiVersion"));
        assertEquals("AdmissionReview", answer.getString("kind"));
        JsonObject response = answer.getJsonObject("response");
        assertEquals(new JsonObject(request).getJsonObject("request").getString("uid"), response.getString("uid"));
        assertFalse(response.getBoolean("allowed"));
        assertEquals(403, response.getJsonObject("status").getInteger("code"));
        assertFalse(response.containsKey("patch") || response.containsKey("patchType"));
        assertEquals(1, ts.metrics.counterValue("clusterca_admission_denied_total", "rule", "legacy-token-secret-type"));
    }

    @Test
    void aDeploymentWithBoundedTokensIsAllowed() throws Exception {
        HttpResponse<Buffer> r = review(fixture("deployment-create-allowed.json"));
        assertEquals(200, r.statusCode());
        assertTrue(r.bodyAsJsonObject().getJsonObject("response").getBoolean("allowed"));
    }

    @Test
    void aBodyThatIsNotAnAdmissionReviewIs400WithAJsonReason() throws Exception {
        HttpResponse<Buffer> r = review(fixture("truncated.json"));
        assertEquals(400, r.statusCode());
        assertEquals("malformed", r.bodyAsJsonObject().getString("error"));
        assertFalse(r.bodyAsJsonObject().getString("reason").isBlank());
    }

    @Test
    void aBodyOverFourMebibytesIs413() {
        HttpResponse<Buffer> r = review("{\"x\":\"" + "a".repeat(ServerSettings.MAX_BODY_BYTES) + "\"}");
        assertEquals(413, r.statusCode());
        assertEquals("too_large", r.bodyAsJsonObject().getString("error"));
    }

    @Test
    void anInvalidRenewRevocationIsDeniedWithTheIndexedFieldError() {
        String review = new JsonObject().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview")
                .put("request", new JsonObject().put("uid", "0b1c").put("operation", "CREATE").put("namespace", "kube-system")
                        .put("name", "bad")
                        .put("kind", new JsonObject().put("group", "clusterca.io").put("version", "v1").put("kind", "RenewRevocation"))
                        .put("resource", new JsonObject().put("group", "clusterca.io").put("version", "v1").put("resource", "renewrevocations"))
                        .put("userInfo", new JsonObject().put("username", "admin"))
                        .put("object", new JsonObject().put("apiVersion", "clusterca.io/v1").put("kind", "RenewRevocation")
                                .put("metadata", new JsonObject().put("name", "bad").put("namespace", "kube-system"))
                                .put("spec", new JsonObject().put("revocations", new io.vertx.core.json.JsonArray()
                                        .add(new JsonObject().put("kind", "IP").put("ip", "300.1.2.3"))))))
                .encode();
        JsonObject response = review(review).bodyAsJsonObject().getJsonObject("response");
        assertFalse(response.getBoolean("allowed"), response.encode());
        assertTrue(response.getJsonObject("status").getString("message").contains("spec.revocations[0].ip: \"300.1.2.3\" is not an IP address"),
                response.encode());
    }
}
