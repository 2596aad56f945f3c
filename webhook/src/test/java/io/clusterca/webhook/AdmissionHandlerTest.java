package io.clusterca.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AdmissionHandlerTest {
    @Test
    void warmUpRunsSamplesOfEachKindThroughDecodeEvaluateAndEncode() {
        AtomicInteger lookups = new AtomicInteger();
        AdmissionHandler handler = new AdmissionHandler(new AdmissionCodec(), TokenPolicy.of(WebhookSettings.defaults(),
                (namespace, name) -> {
                    assertEquals(WarmUpSamples.NAMESPACE, namespace);
                    lookups.incrementAndGet();
                    return false;
                }, spec -> List.of()));

        handler.warmUp(3);

        // Pod, Deployment and CronJob samples each reference the sample Secret three ways.
        assertEquals(3 * 3 * 3, lookups.get());
    }

    @Test
    void handleRefusesAnUnusableBodyBeforeThePolicySeesIt() {
        AtomicInteger evaluations = new AtomicInteger();
        AdmissionHandler handler = new AdmissionHandler(new AdmissionCodec(), new TokenPolicy(86_400,
                namespace -> {
                    evaluations.incrementAndGet();
                    return Mode.ENFORCE;
                }, (ns, name) -> false, spec -> List.of()));

        assertThrows(AdmissionCodecException.class, () -> handler.handle(AdmissionFixtures.review("malformed/missing-uid.json")));
        assertEquals(0, evaluations.get());
    }

    @Test
    void outcomeCarriesTheDecodedRequestForEventsAndMetrics() throws Exception {
        AdmissionHandler handler = new AdmissionHandler(new AdmissionCodec(),
                TokenPolicy.of(WebhookSettings.defaults(), (ns, name) -> false, spec -> List.of()));

        AdmissionHandler.Outcome outcome = handler.handle(AdmissionFixtures.review("secrets/create-legacy-token-type.json"));

        assertEquals("team-a", outcome.request().getNamespace());
        assertEquals("build-robot-token", outcome.request().getName());
        assertEquals("alice@example.com", outcome.request().getUserInfo().getUsername());
        assertTrue(outcome.verdict() instanceof Verdict.Denied denied && denied.rule() == Rule.LEGACY_TOKEN_SECRET_TYPE);
    }
}
