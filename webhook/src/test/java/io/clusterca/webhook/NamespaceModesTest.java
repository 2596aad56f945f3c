package io.clusterca.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Modes decide what a violation costs: a denial (enforce), a warning (warn) or nothing (off). */
class NamespaceModesTest {
    private static final String LEGACY_VOLUME_POD = "pods/create-legacy-secret-volume.json";

    private static Verdict evaluate(NamespaceModes modes, String file) throws AdmissionCodecException {
        InMemoryLegacyTokenSecrets legacy = new InMemoryLegacyTokenSecrets();
        legacy.add("team-a", "build-robot-token");
        TokenPolicy policy = new TokenPolicy(86_400, modes, legacy, new FakeRenewRevocationValidator());
        return policy.evaluate(new AdmissionCodec().decode(AdmissionFixtures.review(file)).getRequest());
    }

    private static WebhookSettings settings(Mode defaultMode, String... exempt) {
        return new WebhookSettings(defaultMode, Set.of(exempt), 86_400);
    }

    @Test
    void enforceModeDenies() throws Exception {
        assertInstanceOf(Verdict.Denied.class, evaluate(new StaticNamespaceModes(settings(Mode.ENFORCE)), LEGACY_VOLUME_POD));
    }

    @Test
    void warnModeAllowsWithTheViolationsAsWarnings() throws Exception {
        Verdict verdict = evaluate(new StaticNamespaceModes(settings(Mode.WARN)), LEGACY_VOLUME_POD);

        assertTrue(verdict.allowed());
        assertEquals(List.of("spec.volumes[1].secret.secretName: \"build-robot-token\" is a legacy service-account token Secret"),
                verdict.warnings());
    }

    @Test
    void offModeAllowsWithoutWarnings() throws Exception {
        assertInstanceOf(Verdict.Allowed.class, evaluate(new StaticNamespaceModes(settings(Mode.OFF)), LEGACY_VOLUME_POD));
    }

    @Test
    void exemptNamespaceIsNotChecked() throws Exception {
        Verdict verdict = evaluate(new StaticNamespaceModes(settings(Mode.ENFORCE, "team-a")), LEGACY_VOLUME_POD);

        assertInstanceOf(Verdict.Allowed.class, verdict);
    }

    @Test
    void otherNamespacesStayInTheDefaultModeBesideAnExemptOne() {
        StaticNamespaceModes modes = new StaticNamespaceModes(settings(Mode.WARN, "kube-system"));

        assertEquals(Mode.OFF, modes.modeOf("kube-system"));
        assertEquals(Mode.WARN, modes.modeOf("team-a"));
    }

    @Test
    void renewRevocationsAreValidatedWhateverTheMode() throws Exception {
        Verdict verdict = evaluate(namespace -> Mode.OFF, "renewrevocations/create-invalid-ip.json");

        assertEquals(Rule.INVALID_RENEW_REVOCATION, assertInstanceOf(Verdict.Denied.class, verdict).rule());
    }

    @Test
    void namespaceLabelChoosesTheMode() {
        Map<String, String> labels = Map.of("team-a", "warn", "team-b", "off", "team-c", "enforce");
        LabelledNamespaceModes modes = new LabelledNamespaceModes(settings(Mode.ENFORCE),
                ns -> Optional.ofNullable(labels.get(ns)));

        assertEquals(Mode.WARN, modes.modeOf("team-a"));
        assertEquals(Mode.OFF, modes.modeOf("team-b"));
        assertEquals(Mode.ENFORCE, modes.modeOf("team-c"));
        assertEquals(Mode.ENFORCE, modes.modeOf("unlabelled"));
    }

    @Test
    void unrecognisedLabelValueMeansTheDefaultModeNotOff() {
        LabelledNamespaceModes modes = new LabelledNamespaceModes(settings(Mode.ENFORCE), ns -> Optional.of("disabled"));

        assertEquals(Mode.ENFORCE, modes.modeOf("team-a"));
    }

    @Test
    void exemptNamespaceStaysOffWhateverItsLabel() {
        LabelledNamespaceModes modes = new LabelledNamespaceModes(settings(Mode.ENFORCE, "kube-system"),
                ns -> Optional.of("enforce"));

        assertEquals(Mode.OFF, modes.modeOf("kube-system"));
    }

    @Test
    void modeLabelValuesAreTheLowercaseNames() {
        assertEquals(Optional.of(Mode.WARN), Mode.fromLabel("warn"));
        assertEquals(Optional.of(Mode.OFF), Mode.fromLabel("OFF"));
        assertEquals(Optional.empty(), Mode.fromLabel("audit"));
        assertEquals("enforce", Mode.ENFORCE.label());
    }

    @Test
    void maximumBelowTheApiServersMinimumIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WebhookSettings(Mode.ENFORCE, Set.of(), 599));

        assertEquals("maximum token expiration must be between 600 and 4294967296 seconds, was 599", e.getMessage());
    }
}
