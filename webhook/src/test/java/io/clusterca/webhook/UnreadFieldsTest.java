package io.clusterca.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ReplicationControllerBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequestBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** What the codec skips while decoding ({@link UnreadFields}), and that it never skips what the rules read. */
class UnreadFieldsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String OBJECT = "/request/object";
    private static final String CONTAINER_FIELDS = "command args ports resources resizePolicy volumeMounts volumeDevices "
            + "livenessProbe readinessProbe startupProbe lifecycle securityContext restartPolicyRules";

    private final AdmissionCodec codec = new AdmissionCodec();
    private final AdmissionHandler handler = handler(codec);

    /** Every skipped field, each in a fixture the policy denies (so the fields it does read still arrive). */
    static Stream<Arguments> skippedFields() {
        String deployment = "workloads/deployment-create-legacy-env.json";
        String ephemeral = "pods/update-ephemeral-container-with-legacy-env.json";
        return Stream.of(
                skipped(deployment, OBJECT + "/metadata", "managedFields annotations labels ownerReferences finalizers"),
                skipped(deployment, OBJECT, "status"),
                skipped(deployment, OBJECT + "/spec", "selector strategy"),
                skipped(deployment, OBJECT + "/spec/template/spec", "affinity tolerations topologySpreadConstraints "
                        + "nodeSelector securityContext dnsConfig hostAliases imagePullSecrets readinessGates resourceClaims "
                        + "schedulingGates overhead resources os"),
                skipped(deployment, OBJECT + "/spec/template/spec/containers/0", CONTAINER_FIELDS),
                skipped("workloads/statefulset-create-token-172800.json", OBJECT, "status"),
                skipped("workloads/statefulset-create-token-172800.json", OBJECT + "/spec",
                        "selector updateStrategy volumeClaimTemplates persistentVolumeClaimRetentionPolicy ordinals"),
                skipped("workloads/daemonset-create-token-172800.json", OBJECT, "status"),
                skipped("workloads/daemonset-create-token-172800.json", OBJECT + "/spec", "selector updateStrategy"),
                skipped("workloads/replicaset-create-token-172800.json", OBJECT, "status"),
                skipped("workloads/replicaset-create-token-172800.json", OBJECT + "/spec", "selector"),
                skipped("workloads/replicationcontroller-create-token-172800.json", OBJECT, "status"),
                skipped("workloads/replicationcontroller-create-token-172800.json", OBJECT + "/spec", "selector"),
                skipped("workloads/job-create-token-172800.json", OBJECT, "status"),
                skipped("workloads/job-create-token-172800.json", OBJECT + "/spec", "selector podFailurePolicy successPolicy"),
                skipped("workloads/cronjob-create-legacy-env.json", OBJECT, "status"),
                skipped("pods/create-legacy-projected-secret.json", OBJECT, "status"),
                skipped("pods/create-legacy-projected-secret.json", OBJECT + "/spec/volumes/0/projected/sources/1",
                        "configMap downwardAPI clusterTrustBundle podCertificate"),
                skipped(ephemeral, "/request/oldObject", "status"),
                skipped(ephemeral, OBJECT + "/spec/ephemeralContainers/0", CONTAINER_FIELDS))
                .flatMap(rows -> rows);
    }

    @ParameterizedTest(name = "{1}/{2} in {0}")
    @MethodSource("skippedFields")
    void judgesAReviewTheSameWhateverAnUnreadFieldHolds(String fixture, String pointer, String field) throws Exception {
        AdmissionHandler.Outcome original = handler.handle(AdmissionFixtures.review(fixture));
        JsonNode review = JSON.readTree(AdmissionFixtures.review(fixture));
        // No skipped field's type accepts a list of lists (a bare number would still build a bean with a
        // one-int constructor, such as StatefulSetOrdinals): decoding the field instead of skipping it fails.
        assertInstanceOf(ObjectNode.class, review.at(pointer), pointer).putArray(field).addArray().add(7);

        AdmissionHandler.Outcome altered = handler.handle(JSON.writeValueAsBytes(review));

        assertInstanceOf(Verdict.Denied.class, original.verdict());
        assertEquals(original.verdict(), altered.verdict());
    }

    /** Objects carrying only fields the policy reads, one per governed kind and pod-template location. */
    static Stream<Arguments> objectsOfEveryGovernedKind() {
        PodTemplateSpec template = new PodTemplateSpecBuilder().withSpec(podSpecWithEveryFieldTheRulesRead()).build();
        return Stream.of(
                new PodBuilder().withNewMetadata().withName("p").withNamespace("team-a").endMetadata()
                        .withSpec(podSpecWithEveryFieldTheRulesRead()).build(),
                new SecretBuilder().withNewMetadata().withName("s").withNamespace("team-a").endMetadata()
                        .withType("kubernetes.io/service-account-token").addToData("token", "ZXlK")
                        .addToStringData("kubeconfig", "token: eyJ").build(),
                new DeploymentBuilder().withNewMetadata().withName("d").withNamespace("team-a").endMetadata()
                        .withNewSpec().withTemplate(template).endSpec().build(),
                new StatefulSetBuilder().withNewMetadata().withName("s").withNamespace("team-a").endMetadata()
                        .withNewSpec().withTemplate(template).endSpec().build(),
                new DaemonSetBuilder().withNewMetadata().withName("d").withNamespace("team-a").endMetadata()
                        .withNewSpec().withTemplate(template).endSpec().build(),
                new ReplicaSetBuilder().withNewMetadata().withName("r").withNamespace("team-a").endMetadata()
                        .withNewSpec().withTemplate(template).endSpec().build(),
                new ReplicationControllerBuilder().withNewMetadata().withName("r").withNamespace("team-a").endMetadata()
                        .withNewSpec().withTemplate(template).endSpec().build(),
                new JobBuilder().withNewMetadata().withName("j").withNamespace("team-a").endMetadata()
                        .withNewSpec().withTemplate(template).endSpec().build(),
                new CronJobBuilder().withNewMetadata().withName("c").withNamespace("team-a").endMetadata()
                        .withNewSpec().withNewJobTemplate().withNewSpec().withTemplate(template).endSpec().endJobTemplate()
                        .endSpec().build(),
                new PodTemplateBuilder().withNewMetadata().withName("t").withNamespace("team-a").endMetadata()
                        .withTemplate(template).build())
                .map(object -> Arguments.of(object.getKind(), object));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objectsOfEveryGovernedKind")
    void decodesEveryFieldTheRulesReadUnchanged(String kind, HasMetadata object) throws Exception {
        String[] groupVersion = object.getApiVersion().contains("/") ? object.getApiVersion().split("/")
                : new String[] {"", object.getApiVersion()};
        AdmissionReview review = new AdmissionReviewBuilder().withApiVersion(AdmissionCodec.API_VERSION)
                .withKind(AdmissionCodec.KIND)
                .withRequest(new AdmissionRequestBuilder().withUid("u-1")
                        .withNewKind(groupVersion[0], kind, groupVersion[1]).withOperation("UPDATE")
                        .withSubResource("ephemeralcontainers").withNamespace("team-a").withName("n")
                        .withNewUserInfo().withUsername("alice").endUserInfo().withDryRun(true)
                        .withObject(object).withOldObject(object).build())
                .build();

        AdmissionReview decoded = codec.decode(JSON.writeValueAsBytes(review));

        assertEquals(review, decoded);
    }

    @Test
    void encodingStillWritesTheFieldsThatDecodingSkips() throws Exception {
        // The warm-up samples are encoded by the codec: they must carry what real reviews carry.
        AdmissionReview review = new AdmissionReviewBuilder().withApiVersion(AdmissionCodec.API_VERSION)
                .withKind(AdmissionCodec.KIND).withNewRequest().withUid("u-1").withObject(new DeploymentBuilder()
                        .withNewMetadata().withName("d").addToLabels("app", "d").endMetadata()
                        .withNewStatus().withReplicas(3).endStatus().build()).endRequest().build();

        JsonNode object = JSON.readTree(codec.encode(review)).path("request").path("object");

        assertEquals("d", object.path("metadata").path("labels").path("app").asString());
        assertEquals(3, object.path("status").path("replicas").asInt());
    }

    private static PodSpec podSpecWithEveryFieldTheRulesRead() {
        List<EnvVar> env = List.of(new EnvVarBuilder().withName("TOKEN").withNewValueFrom()
                .withNewSecretKeyRef("token", "env-secret", false).endValueFrom().build());
        List<EnvFromSource> envFrom = List.of(new EnvFromSourceBuilder().withNewSecretRef().withName("env-from-secret")
                .endSecretRef().build());
        return new PodSpecBuilder()
                .addNewVolume().withName("credentials").withNewSecret().withSecretName("volume-secret").endSecret()
                .endVolume()
                .addNewVolume().withName("kube-api-access-x7k2p").withNewProjected()
                .addNewSource().withNewSecret().withName("projected-secret").endSecret().endSource()
                .addNewSource().withNewServiceAccountToken().withExpirationSeconds(3607L).endServiceAccountToken().endSource()
                .endProjected().endVolume()
                .addNewInitContainer().withName("init").withEnv(env).withEnvFrom(envFrom).endInitContainer()
                .addNewContainer().withName("main").withEnv(env).withEnvFrom(envFrom).endContainer()
                .addNewEphemeralContainer().withName("debug").withEnv(env).withEnvFrom(envFrom).endEphemeralContainer()
                .build();
    }

    private static Stream<Arguments> skipped(String fixture, String pointer, String fields) {
        return Arrays.stream(fields.split(" ")).map(field -> Arguments.of(fixture, pointer, field));
    }

    private static AdmissionHandler handler(AdmissionCodec codec) {
        InMemoryLegacyTokenSecrets legacy = new InMemoryLegacyTokenSecrets();
        legacy.add("team-a", "build-robot-token");
        return new AdmissionHandler(codec, TokenPolicy.of(WebhookSettings.defaults(), legacy,
                new FakeRenewRevocationValidator()));
    }
}
