package io.clusterca.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterca.server.Metrics;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebhookCaBundleInjectorTest {
    @RegisterExtension
    static final MockKubernetes KUBE = new MockKubernetes();
    private final WebhookCaBundle bundle = WebhookCaBundle.ofPem(WebhookCaBundleTest.CA_PEM);
    private WebhookCaBundleInjector injector;

    @BeforeEach
    void setUp() {
        injector = new WebhookCaBundleInjector(KUBE.newClient(), "clusterca", bundle, new Metrics(), Duration.ofMinutes(10));
        injector.start();
    }

    @AfterEach
    void tearDown() {
        injector.stop();
    }

    private Optional<ValidatingWebhookConfiguration> injected(String name) {
        return Optional.ofNullable(KUBE.client().admissionRegistration().v1().validatingWebhookConfigurations().withName(name).get())
                .filter(c -> c.getWebhooks().stream()
                        .allMatch(w -> Objects.equals(w.getClientConfig().getCaBundle(), bundle.caBundle())));
    }

    private ValidatingWebhookConfiguration create(ValidatingWebhookConfiguration configuration) {
        return KUBE.client().admissionRegistration().v1().validatingWebhookConfigurations().resource(configuration).create();
    }

    @Test
    void injectsTheCaBundleIntoEveryWebhookOfTheConfiguration() {
        create(new ValidatingWebhookConfigurationBuilder(WebhookCaBundleTest.configuration(null, null))
                .editMetadata().withResourceVersion(null).endMetadata().build());

        ValidatingWebhookConfiguration injected = Poll.value("caBundle injected", () -> injected("clusterca"));

        assertEquals(2, injected.getWebhooks().size());
    }

    @Test
    void restoresTheCaBundleAfterItDrifts() {
        create(new ValidatingWebhookConfigurationBuilder(WebhookCaBundleTest.configuration(null, null))
                .editMetadata().withResourceVersion(null).endMetadata().build());
        Poll.value("caBundle injected", () -> injected("clusterca"));

        KUBE.client().admissionRegistration().v1().validatingWebhookConfigurations().withName("clusterca").edit(c -> {
            ValidatingWebhookConfiguration drifted = new ValidatingWebhookConfigurationBuilder(c).build();
            drifted.getWebhooks().get(1).getClientConfig().setCaBundle("c3RhbGU=");
            return drifted;
        });

        Poll.value("caBundle restored", () -> injected("clusterca")
                .filter(c -> !"c3RhbGU=".equals(c.getWebhooks().get(1).getClientConfig().getCaBundle())));
    }

    @Test
    void leavesOtherWebhookConfigurationsAlone() {
        create(new ValidatingWebhookConfigurationBuilder(WebhookCaBundleTest.configuration(null, null))
                .editMetadata().withName("someone-else").withResourceVersion(null).endMetadata().build());
        create(new ValidatingWebhookConfigurationBuilder(WebhookCaBundleTest.configuration(null, null))
                .editMetadata().withResourceVersion(null).endMetadata().build());

        Poll.value("caBundle injected", () -> injected("clusterca"));

        ValidatingWebhookConfiguration other = KUBE.client().admissionRegistration().v1().validatingWebhookConfigurations()
                .withName("someone-else").get();
        assertEquals(null, other.getWebhooks().get(0).getClientConfig().getCaBundle());
    }
}
