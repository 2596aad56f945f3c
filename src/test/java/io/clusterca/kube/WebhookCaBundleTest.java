package io.clusterca.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookCaBundleTest {
    static final String CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    private final WebhookCaBundle bundle = WebhookCaBundle.ofPem(CA_PEM);

    static ValidatingWebhookConfiguration configuration(String firstCaBundle, String secondCaBundle) {
        return new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata().withName("clusterca").withResourceVersion("7").endMetadata()
                .addNewWebhook().withName("tokens.clusterca.io").withNewClientConfig().withCaBundle(firstCaBundle)
                .withNewService().withNamespace("clusterca").withName("clusterca").withPath("/validate").endService()
                .endClientConfig().withAdmissionReviewVersions("v1").withSideEffects("None").endWebhook()
                .addNewWebhook().withName("revocations.clusterca.io").withNewClientConfig().withCaBundle(secondCaBundle)
                .withNewService().withNamespace("clusterca").withName("clusterca").withPath("/validate").endService()
                .endClientConfig().withAdmissionReviewVersions("v1").withSideEffects("None").endWebhook()
                .build();
    }

    @Test
    void carriesTheClusterCaPemBase64EncodedAsTheApiEncodesBytes() {
        assertEquals(CA_PEM, new String(Base64.getDecoder().decode(bundle.caBundle()), StandardCharsets.US_ASCII));
    }

    @Test
    void setsTheCaBundleOfEveryWebhook() {
        ValidatingWebhookConfiguration injected = bundle.inject(configuration(null, "c3RhbGU=")).orElseThrow();

        injected.getWebhooks().forEach(w -> assertEquals(bundle.caBundle(), w.getClientConfig().getCaBundle(), w.getName()));
        assertEquals("7", injected.getMetadata().getResourceVersion(), "an update of the version read");
        assertEquals("/validate", injected.getWebhooks().get(0).getClientConfig().getService().getPath());
    }

    @Test
    void leavesAConfigurationThatAlreadyCarriesItAlone() {
        assertEquals(Optional.empty(), bundle.inject(configuration(bundle.caBundle(), bundle.caBundle())));
    }

    @Test
    void doesNotModifyTheObjectItWasGiven() {
        ValidatingWebhookConfiguration current = configuration(null, null);

        bundle.inject(current);

        assertEquals(null, current.getWebhooks().get(0).getClientConfig().getCaBundle());
    }
}
