package io.clusterca.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VerdictTest {
    private static Violation legacyRef(String path) {
        return Violation.of(Rule.LEGACY_TOKEN_REFERENCE, path, "\"build-robot-token\" is a legacy service-account token Secret",
                "use a projected serviceAccountToken volume instead");
    }

    @Test
    void warningKeepsAShortFindingWhole() {
        Violation v = Violation.of(Rule.TOKEN_EXPIRATION_TOO_LONG, "spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds",
                "86401 exceeds the maximum of 86400 seconds", "set expirationSeconds to 86400 or less");

        assertEquals("spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: 86401 exceeds the maximum of 86400 seconds",
                v.warning());
    }

    @Test
    void warningDropsLeadingPathSegmentsToStayUnder120Characters() {
        Violation v = Violation.of(Rule.TOKEN_EXPIRATION_TOO_LONG,
                "spec.jobTemplate.spec.template.spec.volumes[1].projected.sources[0].serviceAccountToken.expirationSeconds",
                "172800 exceeds the maximum of 86400 seconds", "lower it");

        String warning = v.warning();

        assertTrue(warning.length() < 120, warning);
        assertTrue(warning.startsWith("..."), warning);
        assertTrue(warning.endsWith("serviceAccountToken.expirationSeconds: 172800 exceeds the maximum of 86400 seconds"), warning);
    }

    @Test
    void warningCutsAProblemThatAloneIsTooLong() {
        String longName = "a".repeat(200);
        Violation v = Violation.of(Rule.LEGACY_TOKEN_REFERENCE, "spec.volumes[0].secret.secretName",
                '"' + longName + "\" is a legacy service-account token Secret", "use a projected token");

        String warning = v.warning();

        assertEquals(119, warning.length());
        assertTrue(warning.startsWith("spec.volumes[0].secret.secretName: \"aaa"), warning);
        assertTrue(warning.endsWith("..."), warning);
    }

    @Test
    void denialListsEveryFindingThenEachRemedyOnce() {
        Verdict.Denied denied = new Verdict.Denied(List.of(legacyRef("spec.volumes[1].secret.secretName"),
                legacyRef("spec.containers[0].env[0].valueFrom.secretKeyRef.name")));

        assertEquals("spec.volumes[1].secret.secretName: \"build-robot-token\" is a legacy service-account token Secret; "
                + "spec.containers[0].env[0].valueFrom.secretKeyRef.name: \"build-robot-token\" is a legacy service-account "
                + "token Secret; use a projected serviceAccountToken volume instead", denied.message());
    }

    @Test
    void denialOfManyViolationsListsTenAndCountsTheRest() {
        List<Violation> many = IntStream.range(0, 13).mapToObj(i -> legacyRef("spec.containers[" + i + "].envFrom[0].secretRef.name")).toList();

        String message = new Verdict.Denied(many).message();

        assertTrue(message.contains("spec.containers[9].envFrom"), message);
        assertFalse(message.contains("spec.containers[10].envFrom"), message);
        assertTrue(message.contains("; and 3 more violations; use a projected serviceAccountToken volume instead"), message);
    }

    @Test
    void denialNamesTheFirstRuleAndAllRules() {
        Verdict.Denied denied = new Verdict.Denied(List.of(
                Violation.of(Rule.TOKEN_EXPIRATION_TOO_LONG, "spec.volumes[0]", "too long"),
                legacyRef("spec.volumes[1].secret.secretName")));

        assertEquals(Rule.TOKEN_EXPIRATION_TOO_LONG, denied.rule());
        assertEquals(Set.of(Rule.TOKEN_EXPIRATION_TOO_LONG, Rule.LEGACY_TOKEN_REFERENCE), denied.rules());
    }

    @Test
    void warningsStopAtTwentyWithACount() {
        List<Violation> many = IntStream.range(0, 30).mapToObj(i -> legacyRef("spec.containers[" + i + "].envFrom[0].secretRef.name")).toList();

        List<String> warnings = new Verdict.Warned(many).warnings();

        assertEquals(Verdict.MAX_WARNINGS, warnings.size());
        assertEquals("and 11 more token-policy violations", warnings.get(19));
    }

    @Test
    void aDenialOrWarningWithoutViolationsIsABug() {
        assertThrows(IllegalArgumentException.class, () -> new Verdict.Denied(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Verdict.Warned(List.of()));
    }

    @Test
    void ruleIdsAreTheMetricLabels() {
        assertEquals(List.of("legacy-token-secret-type", "legacy-token-in-secret", "token-expiration-too-long",
                        "legacy-token-reference", "invalid-renewrevocation"),
                Arrays.stream(Rule.values()).map(Rule::id).toList());
    }
}
