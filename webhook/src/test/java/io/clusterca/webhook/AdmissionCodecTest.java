package io.clusterca.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.webhook.AdmissionCodecException.Problem;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AdmissionCodecTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final AdmissionCodec codec = new AdmissionCodec();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "truncated.json,              MALFORMED_JSON",
            "yaml-instead-of-json.txt,    MALFORMED_JSON",
            "array.json,                  MALFORMED_JSON",
            "trailing-document.json,      MALFORMED_JSON",
            "request-not-an-object.json,  MALFORMED_JSON",
            "v1beta1-review.json,         NOT_AN_ADMISSION_REVIEW",
            "wrong-kind.json,             NOT_AN_ADMISSION_REVIEW",
            "missing-request.json,        MISSING_REQUEST",
            "missing-uid.json,            MISSING_UID",
            "empty-uid.json,              MISSING_UID",
            "missing-kind.json,           INCOMPLETE_REQUEST",
            "missing-operation.json,      INCOMPLETE_REQUEST"})
    void refusesAnUnusableBodyWithItsSpecificProblem(String file, Problem expected) {
        AdmissionCodecException e = assertThrows(AdmissionCodecException.class,
                () -> codec.decode(AdmissionFixtures.review("malformed/" + file)));

        assertEquals(expected, e.problem());
    }

    @Test
    void refusesAnEmptyBody() {
        AdmissionCodecException e = assertThrows(AdmissionCodecException.class, () -> codec.decode(new byte[0]));

        assertEquals(Problem.MALFORMED_JSON, e.problem());
        assertEquals("empty body; expected an AdmissionReview", e.getMessage());
    }

    @Test
    void refusesJsonNull() {
        AdmissionCodecException e = assertThrows(AdmissionCodecException.class,
                () -> codec.decode("null".getBytes(StandardCharsets.UTF_8)));

        assertEquals(Problem.NOT_AN_ADMISSION_REVIEW, e.problem());
    }

    @Test
    void namesTheVersionItExpectsWhenGivenV1beta1() {
        AdmissionCodecException e = assertThrows(AdmissionCodecException.class,
                () -> codec.decode(AdmissionFixtures.review("malformed/v1beta1-review.json")));

        assertEquals("expected apiVersion admission.k8s.io/v1 and kind AdmissionReview, got apiVersion "
                + "\"admission.k8s.io/v1beta1\" and kind \"AdmissionReview\"", e.getMessage());
    }

    @Test
    void locatesASyntaxErrorWithoutQuotingTheBody() {
        AdmissionCodecException e = assertThrows(AdmissionCodecException.class,
                () -> codec.decode(AdmissionFixtures.review("malformed/truncated.json")));

        assertTrue(e.getMessage().startsWith("malformed AdmissionReview JSON at line 1, column "), e.getMessage());
        assertTrue(e.getMessage().endsWith(": unexpected end of input"), e.getMessage());
        assertFalse(e.getMessage().contains("ZXlK"), "never echoes Secret data: " + e.getMessage());
    }

    @Test
    void doesNotQuoteAnUnrecognisedTokenWhichMightBeASecret() {
        byte[] body = "{\"apiVersion\":\"admission.k8s.io/v1\",\"request\":{\"uid\":supersecretvalue}}".getBytes(StandardCharsets.UTF_8);

        AdmissionCodecException e = assertThrows(AdmissionCodecException.class, () -> codec.decode(body));

        assertEquals(Problem.MALFORMED_JSON, e.problem());
        assertFalse(e.getMessage().contains("supersecret"), e.getMessage());
    }

    @Test
    void typesTheObjectsFromTheirApiVersionAndKind() throws Exception {
        AdmissionRequest secret = codec.decode(AdmissionFixtures.review("secrets/update-adds-legacy-jwt.json")).getRequest();
        AdmissionRequest deployment = codec.decode(AdmissionFixtures.review("workloads/deployment-create-allowed.json")).getRequest();
        AdmissionRequest revocation = codec.decode(AdmissionFixtures.review("renewrevocations/create-valid.json")).getRequest();

        assertInstanceOf(Secret.class, secret.getObject());
        assertInstanceOf(Secret.class, secret.getOldObject());
        assertInstanceOf(Deployment.class, deployment.getObject());
        assertInstanceOf(GenericKubernetesResource.class, revocation.getObject());
    }

    @Test
    void typesTheObjectFromRequestKindWhenTheObjectDoesNotSayItsOwn() throws Exception {
        // Only the one-pass reader can type this: fabric8's own deserializer needs apiVersion/kind inside the object.
        AdmissionRequest request = codec.decode(review("""
                "kind": {"group": "apps", "version": "v1", "kind": "Deployment"}, "operation": "CREATE",
                "object": {"metadata": {"name": "api"}, "spec": {"replicas": 3}}""")).getRequest();

        Deployment deployment = assertInstanceOf(Deployment.class, request.getObject());
        assertEquals(3, deployment.getSpec().getReplicas());
    }

    @Test
    void typesTheObjectFromItsOwnApiVersionAndKindWhenRequestKindComesAfterIt() throws Exception {
        AdmissionRequest request = codec.decode(review("""
                "operation": "CREATE", "object": {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}},
                "kind": {"group": "", "version": "v1", "kind": "Secret"}""")).getRequest();

        assertInstanceOf(Secret.class, request.getObject());
    }

    @Test
    void skipsManagedFieldsAndOperationOptionsWhichNoRuleReads() throws Exception {
        AdmissionRequest request = codec.decode(AdmissionFixtures.review("workloads/deployment-create-allowed.json")).getRequest();
        Deployment deployment = (Deployment) request.getObject();

        assertTrue(JSON.readTree(AdmissionFixtures.review("workloads/deployment-create-allowed.json"))
                .path("request").path("object").path("metadata").has("managedFields"), "the fixture must carry managedFields");
        assertTrue(deployment.getMetadata().getManagedFields().isEmpty());
        assertFalse(deployment.getMetadata().getAdditionalProperties().containsKey("managedFields"));
        assertEquals(null, request.getOptions());
        assertEquals("api", deployment.getMetadata().getName());
    }

    @Test
    void refusesAnObjectWhoseKindContradictsRequestKind() {
        AdmissionCodecException e = assertThrows(AdmissionCodecException.class, () -> codec.decode(review("""
                "kind": {"group": "", "version": "v1", "kind": "Pod"}, "operation": "CREATE",
                "object": {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "api"}}""")));

        assertEquals(Problem.INCOMPLETE_REQUEST, e.problem());
        assertEquals("request.object is \"apps/v1\" \"Deployment\" but request.kind says \"v1\" \"Pod\"", e.getMessage());
    }

    private static byte[] review(String requestFields) {
        return ("""
                {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
                 "request": {"uid": "u-1", %s}}""".formatted(requestFields)).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void echoesTheUidOfTheRequest() throws Exception {
        JsonNode review = JSON.readTree(codec.encodeResponse("705ab4f5-6393-11e8-b7cc-42010a800002", Verdict.allow()));

        assertEquals("705ab4f5-6393-11e8-b7cc-42010a800002", review.path("response").path("uid").asString());
    }

    @Test
    void allowsWithNothingButUidAndAllowed() throws Exception {
        JsonNode review = JSON.readTree(codec.encodeResponse("u-1", Verdict.allow()));

        assertEquals(JSON.readTree("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\","
                + "\"response\":{\"uid\":\"u-1\",\"allowed\":true}}"), review);
    }

    @Test
    void deniesWithStatus403AndTheMessage() throws Exception {
        Verdict denied = new Verdict.Denied(List.of(Violation.of(Rule.LEGACY_TOKEN_SECRET_TYPE, "type", "is legacy", "do not")));

        JsonNode response = JSON.readTree(codec.encodeResponse("u-2", denied)).path("response");

        assertFalse(response.path("allowed").asBoolean(true));
        assertEquals(403, response.path("status").path("code").asInt());
        assertEquals("Forbidden", response.path("status").path("reason").asString());
        assertEquals("Failure", response.path("status").path("status").asString());
        assertEquals("type: is legacy; do not", response.path("status").path("message").asString());
        assertFalse(response.has("warnings"));
    }

    @Test
    void warnsWithAllowedTrueAndWarningsOnly() throws Exception {
        Verdict warned = new Verdict.Warned(List.of(Violation.of(Rule.LEGACY_TOKEN_SECRET_TYPE, "type", "is legacy", "do not")));

        JsonNode response = JSON.readTree(codec.encodeResponse("u-3", warned)).path("response");

        assertTrue(response.path("allowed").asBoolean());
        assertEquals("type: is legacy", response.path("warnings").path(0).asString());
        assertFalse(response.has("status"));
    }

    @Test
    void neverSendsPatchOrPatchType() throws Exception {
        for (Verdict verdict : List.of(Verdict.allow(),
                new Verdict.Warned(List.of(Violation.of(Rule.LEGACY_TOKEN_REFERENCE, "p", "x"))),
                new Verdict.Denied(List.of(Violation.of(Rule.LEGACY_TOKEN_REFERENCE, "p", "x"))))) {
            JsonNode response = JSON.readTree(codec.encodeResponse("u-4", verdict)).path("response");

            assertFalse(response.has("patch"), verdict.toString());
            assertFalse(response.has("patchType"), verdict.toString());
        }
    }
}
