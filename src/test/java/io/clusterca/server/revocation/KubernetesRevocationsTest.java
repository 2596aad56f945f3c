package io.clusterca.server.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.revocation.RevocationRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubernetesRevocationsTest {
    private final RevocationRegistry registry = new RevocationRegistry(Clock.systemUTC());
    private final KubernetesRevocations sink = new KubernetesRevocations(registry);

    private static Map<String, Object> spec(Map<?, ?>... revocations) {
        return Map.of("revocations", List.of((Object[]) revocations));
    }

    private List<String> rules() {
        return registry.index().rules().stream().map(f -> f.rule().describe()).sorted().toList();
    }

    @Test
    void anObjectsRulesComeIntoForceUnderItsNamespaceAndName() {
        sink.replaceSource("kube-system/stolen", spec(Map.of("kind", "Group", "group", "g")));

        assertEquals(List.of("Group g"), rules());
        assertEquals("RenewRevocation kube-system/stolen spec.revocations[0]",
                registry.index().rules().get(0).rule().source().describe());
        assertTrue(registry.source("kube:kube-system/stolen").isPresent());
    }

    @Test
    void anUpdateReplacesTheObjectsRules() {
        sink.replaceSource("ns/a", spec(Map.of("kind", "Group", "group", "g")));

        sink.replaceSource("ns/a", spec(Map.of("kind", "DNS", "dns", "a.example")));

        assertEquals(List.of("DNS a.example"), rules());
    }

    @Test
    void anInvalidUpdateKeepsEarlierRulesAndAppliesItsValidEntries() {
        sink.replaceSource("ns/a", spec(Map.of("kind", "Group", "group", "g")));

        sink.replaceSource("ns/a", spec(Map.of("kind", "IP", "ip", "300.1.2.3"), Map.of("kind", "DNS", "dns", "a.example")));

        assertEquals(List.of("DNS a.example", "Group g"), rules());
        assertEquals(Map.of("ns/a", List.of("spec.revocations[0].ip: \"300.1.2.3\" is not an IP address")), sink.problems());
    }

    @Test
    void aValidUpdateClearsTheProblem() {
        sink.replaceSource("ns/a", spec(Map.of("kind", "IP", "ip", "nope")));

        sink.replaceSource("ns/a", spec(Map.of("kind", "IP", "ip", "10.0.0.1")));

        assertEquals(Map.of(), sink.problems());
        assertEquals(List.of("IP 10.0.0.1"), rules());
    }

    @Test
    void aSpecOfTheWrongShapeIsReportedNotThrown() {
        sink.replaceSource("ns/a", null);
        sink.replaceSource("ns/b", Map.of("revocations", "all of them"));

        assertEquals(List.of("spec: required"), sink.problems().get("ns/a"));
        assertEquals(List.of("spec.revocations: must be a list"), sink.problems().get("ns/b"));
    }

    @Test
    void deletingTheObjectLiftsItsRules() {
        sink.replaceSource("ns/a", spec(Map.of("kind", "Group", "group", "g")));
        sink.replaceSource("ns/b", spec(Map.of("kind", "Group", "group", "h")));

        sink.removeSource("ns/a");

        assertEquals(List.of("Group h"), rules());
    }
}
