package io.clusterca.webhook;

import io.fabric8.kubernetes.api.model.GroupVersionKind;
import io.fabric8.kubernetes.api.model.GroupVersionKindBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequestBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import java.util.List;

/** Harmless AdmissionReviews of each governed kind, to load and compile the review path before serving. */
final class WarmUpSamples {
    static final String NAMESPACE = "clusterca-warm-up";

    private WarmUpSamples() {
    }

    static List<byte[]> reviews(AdmissionCodec codec) {
        return List.of(
                codec.encode(review(kind("", "Secret"), new SecretBuilder().withNewMetadata().withName("sample")
                        .withNamespace(NAMESPACE).endMetadata().withType("Opaque")
                        .addToData("token", "ZXlKaGJHY2lPaUp1YjI1bEluMC5lMzAu").addToStringData("note", "sample").build())),
                codec.encode(review(kind("", "Pod"), new PodBuilder().withNewMetadata().withName("sample")
                        .withNamespace(NAMESPACE).endMetadata().withSpec(podSpec()).build())),
                codec.encode(review(kind("apps", "Deployment"), new DeploymentBuilder().withNewMetadata().withName("sample")
                        .withNamespace(NAMESPACE).addToLabels("app", "sample").addToAnnotations("note", "sample")
                        .addNewManagedField().withManager("kubectl").withOperation("Update").withApiVersion("apps/v1")
                        .withFieldsType("FieldsV1").endManagedField().endMetadata().withNewSpec().withReplicas(1).withNewTemplate()
                        .withSpec(podSpec()).endTemplate().endSpec().build())),
                codec.encode(review(kind("batch", "CronJob"), new CronJobBuilder().withNewMetadata().withName("sample")
                        .withNamespace(NAMESPACE).endMetadata().withNewSpec().withSchedule("@hourly").withNewJobTemplate()
                        .withNewSpec().withNewTemplate().withSpec(podSpec()).endTemplate().endSpec().endJobTemplate()
                        .endSpec().build())));
    }

    private static PodSpec podSpec() {
        return new PodSpecBuilder()
                .addNewVolume().withName("kube-api-access-sampl").withNewProjected().addNewSource()
                .withNewServiceAccountToken().withPath("token").withExpirationSeconds(3607L).endServiceAccountToken()
                .endSource().endProjected().endVolume()
                .addNewVolume().withName("credentials").withNewSecret().withSecretName("sample").endSecret().endVolume()
                .addNewContainer().withName("sample").withImage("sample:1")
                .addNewPort().withName("http").withContainerPort(8080).withProtocol("TCP").endPort()
                .withNewResources().addToRequests("cpu", new Quantity("100m")).addToLimits("memory", new Quantity("128Mi"))
                .endResources()
                .withNewReadinessProbe().withNewHttpGet().withPath("/readyz").withPort(new IntOrString("http"))
                .endHttpGet().endReadinessProbe()
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withNewCapabilities().addToDrop("ALL")
                .endCapabilities().endSecurityContext()
                .addNewVolumeMount().withName("credentials").withMountPath("/etc/sample").withReadOnly(true).endVolumeMount()
                .addNewEnv().withName("LOG_LEVEL").withValue("info").endEnv()
                .addNewEnv().withName("PASSWORD").withNewValueFrom().withNewSecretKeyRef("password", "sample", false)
                .endValueFrom().endEnv()
                .addNewEnvFrom().withNewSecretRef("sample", false).endEnvFrom()
                .endContainer()
                .addNewToleration().withKey("node.kubernetes.io/not-ready").withOperator("Exists")
                .withEffect("NoExecute").withTolerationSeconds(300L).endToleration()
                .withNewSecurityContext().withRunAsNonRoot(true).withNewSeccompProfile().withType("RuntimeDefault")
                .endSeccompProfile().endSecurityContext()
                .build();
    }

    private static AdmissionReview review(GroupVersionKind kind, Object object) {
        return new AdmissionReviewBuilder().withApiVersion(AdmissionCodec.API_VERSION).withKind(AdmissionCodec.KIND)
                .withRequest(new AdmissionRequestBuilder().withUid("warm-up").withKind(kind).withNamespace(NAMESPACE)
                        .withName("sample").withOperation("CREATE").withDryRun(true).withObject(object).build())
                .build();
    }

    private static GroupVersionKind kind(String group, String kind) {
        return new GroupVersionKindBuilder().withGroup(group).withVersion("v1").withKind(kind).build();
    }
}
