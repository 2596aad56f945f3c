package io.clusterca.kube;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code clientConfig.caBundle} every webhook of our ValidatingWebhookConfiguration must carry: the
 * cluster CA that issues our serving certificate, PEM, base64 in the API (the field is bytes). Pure.
 */
public record WebhookCaBundle(String caBundle) {
    public static WebhookCaBundle ofPem(String caPem) {
        return new WebhookCaBundle(Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A copy of {@code current} with every webhook's caBundle set, or empty when all already carry it. */
    public Optional<ValidatingWebhookConfiguration> inject(ValidatingWebhookConfiguration current) {
        List<ValidatingWebhook> webhooks = current.getWebhooks() == null ? List.of() : current.getWebhooks();
        boolean drifted = webhooks.stream().anyMatch(w -> w.getClientConfig() == null
                || !Objects.equals(w.getClientConfig().getCaBundle(), caBundle));
        if (!drifted) {
            return Optional.empty();
        }
        // The builder copies nested objects, so setting fields on the copy leaves the informer's object intact.
        ValidatingWebhookConfiguration copy = new ValidatingWebhookConfigurationBuilder(current).build();
        for (ValidatingWebhook webhook : copy.getWebhooks()) {
            if (webhook.getClientConfig() == null) {
                webhook.setClientConfig(new WebhookClientConfig());
            }
            webhook.getClientConfig().setCaBundle(caBundle);
        }
        return Optional.of(copy);
    }
}
