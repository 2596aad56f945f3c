package io.clusterca.server.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.revocation.RevocationKind;
import io.clusterca.ca.revocation.RevocationSpecParser;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The CRD and its examples, read as kubectl would send them, agree with the engine's parser. */
class RevocationCrdTest {
    private static final Path CRD_DIR = Path.of("revocation-crd");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Pattern RAW_STRING = Pattern.compile("r'([^']*)'");

    private static CustomResourceDefinition crd() throws IOException {
        return SERIALIZATION.unmarshal(Files.readString(CRD_DIR.resolve("renewrevocations.clusterca.io.yaml")),
                CustomResourceDefinition.class);
    }

    private static JSONSchemaProps itemSchema() throws IOException {
        JSONSchemaProps spec = crd().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec");
        return spec.getProperties().get("revocations").getItems().getSchema();
    }

    private static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(CRD_DIR.resolve("examples"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** The regular expression inside the CEL rule that validates {@code field}. */
    private static Pattern celRegexFor(String field) throws IOException {
        ValidationRule rule = itemSchema().getXKubernetesValidations().stream()
                .filter(r -> r.getRule().contains("self." + field + ".matches(")).findFirst().orElseThrow();
        Matcher m = RAW_STRING.matcher(rule.getRule());
        assertTrue(m.find(), rule.getRule());
        return Pattern.compile(m.group(1));
    }

    @Test
    void everyExampleIsAValidRenewRevocation() throws IOException {
        RenewRevocationYaml yaml = new RenewRevocationYaml(SERIALIZATION);
        List<Path> examples = examples();
        assertTrue(examples.size() >= 4, "the issue's example and three realistic ones");
        for (Path example : examples) {
            RenewRevocationYaml.Content content = yaml.read(Files.readString(example), example.getFileName().toString());

            assertEquals(List.of(), content.problems(), example.toString());
            assertFalse(content.rules().isEmpty(), example.toString());
        }
    }

    @Test
    void theIssueExampleHasEveryKind() throws IOException {
        RenewRevocationYaml.Content content = new RenewRevocationYaml(SERIALIZATION)
                .read(Files.readString(CRD_DIR.resolve("examples/issue-example.yaml")), "issue-example.yaml");

        assertEquals(Set.of(RevocationKind.values()),
                content.rules().stream().map(r -> r.kind()).collect(Collectors.toSet()));
    }

    @Test
    void crdIsANamespacedV1ResourceNamedAsTheServerExpects() throws IOException {
        CustomResourceDefinition crd = crd();

        assertEquals(RenewRevocations.PLURAL + "." + RenewRevocations.GROUP, crd.getMetadata().getName());
        assertEquals(RenewRevocations.GROUP, crd.getSpec().getGroup());
        assertEquals("Namespaced", crd.getSpec().getScope());
        assertEquals(RenewRevocations.KIND, crd.getSpec().getNames().getKind());
        assertEquals(RenewRevocations.PLURAL, crd.getSpec().getNames().getPlural());
        assertEquals(List.of("rr"), crd.getSpec().getNames().getShortNames());
        CustomResourceDefinitionVersion v1 = crd.getSpec().getVersions().get(0);
        assertEquals(1, crd.getSpec().getVersions().size());
        assertEquals(RenewRevocations.VERSION, v1.getName());
        assertTrue(v1.getServed() && v1.getStorage());
    }

    @Test
    void printerColumnsShowDescriptionAndAge() throws IOException {
        List<CustomResourceColumnDefinition> columns = crd().getSpec().getVersions().get(0).getAdditionalPrinterColumns();

        assertEquals(List.of("Description:.spec.description", "Age:.metadata.creationTimestamp"),
                columns.stream().map(c -> c.getName() + ":" + c.getJsonPath()).toList());
    }

    @Test
    void everyFieldIsDescribedForKubectlExplain() throws IOException {
        JSONSchemaProps root = crd().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
        JSONSchemaProps spec = root.getProperties().get("spec");
        JSONSchemaProps items = itemSchema();

        assertNotNull(root.getDescription());
        assertNotNull(spec.getDescription());
        spec.getProperties().forEach((name, p) -> assertNotNull(p.getDescription(), "spec." + name));
        assertEquals(Set.of("kind", "serialNumber", "group", "dns", "ip", "notBefore", "description"),
                items.getProperties().keySet());
        items.getProperties().forEach((name, p) -> assertNotNull(p.getDescription(), "spec.revocations[]." + name));
        assertEquals(List.of("kind"), items.getRequired());
        assertEquals("date-time", items.getProperties().get("notBefore").getFormat());
    }

    @Test
    void eachKindsValueFieldIsTheOneTheParserExpects() throws IOException {
        JSONSchemaProps items = itemSchema();
        for (RevocationKind kind : RevocationKind.values()) {
            assertTrue(items.getProperties().containsKey(kind.field()), kind.field());
            assertTrue(items.getXKubernetesValidations().stream().anyMatch(r -> r.getRule().equals(
                    "has(self." + kind.field() + ") == (self.kind.lowerAscii() == '" + kind.displayName().toLowerCase() + "')")),
                    "a CEL rule pairs kind " + kind.displayName() + " with field " + kind.field());
        }
    }

    @Test
    void theCelKindListIsTheParsersKinds() throws IOException {
        String rule = itemSchema().getXKubernetesValidations().get(0).getRule();

        assertEquals("self.kind.lowerAscii() in [" + Arrays.stream(RevocationKind.values())
                .map(k -> "'" + k.displayName().toLowerCase() + "'").collect(Collectors.joining(", ")) + "]", rule);
    }

    @Test
    void theDnsRegexOfTheSchemaAcceptsWhatTheParserAccepts() throws IOException {
        Pattern dns = celRegexFor("dns");
        for (String ok : List.of("kubernetes.default.svc.", ".cluster.local", "node-12.prod.example.com", "a", "A.B", "1.2.3.4")) {
            assertTrue(dns.matcher(ok).matches(), ok);
            assertEquals(List.of(), RevocationSpecParser.validate(Map.of("revocations", List.of(Map.of("kind", "DNS", "dns", ok)))), ok);
        }
        for (String bad : List.of("*.example.com", "a..b", ".", "-a.b", "a_b.c", "a b", "x".repeat(64) + ".b")) {
            assertFalse(dns.matcher(bad).matches(), bad);
            assertFalse(RevocationSpecParser.validate(Map.of("revocations", List.of(Map.of("kind", "DNS", "dns", bad)))).isEmpty(), bad);
        }
    }

    @Test
    void theSerialRegexOfTheSchemaAcceptsWhatTheParserAccepts() throws IOException {
        Pattern serial = celRegexFor("serialNumber");
        for (String ok : List.of("77fdf4b1033b387aaace6ce1c18710c2", "3A:0F:6C:91", "00:ff")) {
            assertTrue(serial.matcher(ok).matches(), ok);
        }
        for (String bad : List.of("0x1f", "77::fd", ":77", "g1", "")) {
            assertFalse(serial.matcher(bad).matches(), bad);
        }
    }
}
