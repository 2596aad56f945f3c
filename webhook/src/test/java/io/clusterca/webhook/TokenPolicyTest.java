package io.clusterca.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.fabric8.kubernetes.api.model.GroupVersionKind;
import io.fabric8.kubernetes.api.model.GroupVersionKindBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequestBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviours that depend on configuration or on request details the fixture files keep fixed. */
class TokenPolicyTest {
    private static final GroupVersionKind POD = new GroupVersionKindBuilder().withGroup("").withVersion("v1").withKind("Pod").build();
    private static final GroupVersionKind DEPLOYMENT =
            new GroupVersionKindBuilder().withGroup("apps").withVersion("v1").withKind("Deployment").build();

    private static TokenPolicy policy(long maxSeconds, LegacyTokenSecrets legacy) {
        return TokenPolicy.of(WebhookSettings.defaults().withMaxTokenExpirationSeconds(maxSeconds), legacy,
                new FakeRenewRevocationValidator());
    }

    private static Volume tokenVolume(String name, Long seconds) {
        return new VolumeBuilder().withName(name).withNewProjected().addNewSource().withNewServiceAccountToken()
                .withPath("token").withExpirationSeconds(seconds).endServiceAccountToken().endSource().endProjected().build();
    }

    private static Pod podWith(Volume... volumes) {
        return new PodBuilder().withNewMetadata().withName("api").withNamespace("team-a").endMetadata()
                .withNewSpec().withVolumes(volumes).addNewContainer().withName("api").withImage("api:1").endContainer()
                .endSpec().build();
    }

    private static AdmissionRequest create(GroupVersionKind kind, Object object) {
        return new AdmissionRequestBuilder().withUid("u").withKind(kind).withNamespace("team-a")
                .withOperation("CREATE").withObject(object).build();
    }

    @Test
    void injectedKubeApiAccessPassesEvenUnderAMaximumBelow3607() {
        Verdict verdict = policy(3_600, (ns, name) -> false)
                .evaluate(create(POD, podWith(tokenVolume("kube-api-access-9zq4d", 3607L))));

        assertInstanceOf(Verdict.Allowed.class, verdict);
    }

    @Test
    void the3607ExceptionBelongsToKubeApiAccessVolumesOnly() {
        Verdict verdict = policy(3_600, (ns, name) -> false).evaluate(create(POD, podWith(tokenVolume("vault-token", 3607L))));

        assertEquals("spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: "
                        + "3607 exceeds the maximum of 3600 seconds",
                assertInstanceOf(Verdict.Denied.class, verdict).violations().get(0).finding());
    }

    @Test
    void unsetExpirationCountsAsTheApiServersDefaultOf3600() {
        Verdict verdict = policy(1_800, (ns, name) -> false).evaluate(create(POD, podWith(tokenVolume("vault-token", null))));

        assertEquals("spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: "
                        + "unset (so 3600) exceeds the maximum of 1800 seconds",
                assertInstanceOf(Verdict.Denied.class, verdict).violations().get(0).finding());
    }

    @Test
    void legacySecretsAreLookedUpInTheNamespaceOfTheRequest() {
        InMemoryLegacyTokenSecrets legacy = new InMemoryLegacyTokenSecrets();
        legacy.add("team-b", "build-robot-token");
        Pod pod = new PodBuilder(podWith()).editSpec().addNewVolume().withName("t").withNewSecret()
                .withSecretName("build-robot-token").endSecret().endVolume().endSpec().build();

        assertInstanceOf(Verdict.Allowed.class, policy(86_400, legacy).evaluate(create(POD, pod)));
    }

    @Test
    void subresourcesOfWorkloadsAreNotChecked() {
        Deployment deployment = new DeploymentBuilder().withNewMetadata().withName("api").endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().withVolumes(tokenVolume("vault-token", 172_800L))
                .endSpec().endTemplate().endSpec().build();
        AdmissionRequest statusUpdate = new AdmissionRequestBuilder(create(DEPLOYMENT, deployment))
                .withOperation("UPDATE").withSubResource("status").withOldObject(deployment).build();

        assertInstanceOf(Verdict.Allowed.class, policy(86_400, (ns, name) -> false).evaluate(statusUpdate));
    }

    @Test
    void anUpdateIsDeniedOnlyForWhatItAdds() {
        Deployment before = new DeploymentBuilder().withNewMetadata().withName("api").endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().withVolumes(tokenVolume("vault-token", 172_800L))
                .endSpec().endTemplate().endSpec().build();
        Deployment after = new DeploymentBuilder(before).editSpec().editTemplate().editSpec()
                .addToVolumes(tokenVolume("other-token", 90_000L)).endSpec().endTemplate().endSpec().build();
        AdmissionRequest update = new AdmissionRequestBuilder(create(DEPLOYMENT, after))
                .withOperation("UPDATE").withOldObject(before).build();

        Verdict.Denied denied = assertInstanceOf(Verdict.Denied.class, policy(86_400, (ns, name) -> false).evaluate(update));

        assertEquals(List.of("spec.template.spec.volumes[1].projected.sources[0].serviceAccountToken.expirationSeconds: "
                + "90000 exceeds the maximum of 86400 seconds"), denied.violations().stream().map(Violation::finding).toList());
    }

    @Test
    void aKindWithTheRightNameInAnotherGroupIsNotGoverned() {
        GroupVersionKind foreign = new GroupVersionKindBuilder().withGroup("example.com").withVersion("v1").withKind("Pod").build();

        Verdict verdict = policy(86_400, (ns, name) -> false).evaluate(create(foreign, podWith(tokenVolume("t", 172_800L))));

        assertInstanceOf(Verdict.Allowed.class, verdict);
    }
}
