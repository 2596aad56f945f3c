package io.clusterca.ca.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RevocationSpecParserTest {

    private static Map<String, Object> spec(Object... revocations) {
        return Map.of("description", "test", "revocations", List.of(revocations));
    }

    private static Map<String, Object> entry(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static List<String> errors(Object... revocations) {
        return RevocationSpecParser.validate(spec(revocations));
    }

    @Test
    void parsesEveryKindOfTheIssueExample() {
        ParsedSpec parsed = RevocationSpecParser.parse(spec(
                entry("kind", "serialnumber", "serialNumber", "77fdf4b1033b387aaace6ce1c18710c2",
                        "notBefore", "2020-04-17T17:22:05Z", "description", "stolen laptop"),
                entry("kind", "Group", "group", "system:nodes"),
                entry("kind", "DNS", "dns", "kubernetes.default.svc."),
                entry("kind", "DNS", "dns", ".cluster.local"),
                entry("kind", "IP", "ip", "170.63.128.124")), "kube-system", "example");

        assertEquals(List.of(), parsed.errors());
        assertEquals(List.of(
                "serialnumber 77fdf4b1033b387aaace6ce1c18710c2 issued before 2020-04-17T17:22:05Z",
                "Group system:nodes",
                "DNS kubernetes.default.svc",
                "DNS .cluster.local",
                "IP 170.63.128.124"), parsed.rules().stream().map(RevocationRule::describe).toList());
        assertInstanceOf(RevocationRule.ByDnsName.class, parsed.rules().get(2));
        assertInstanceOf(RevocationRule.ByDnsSuffix.class, parsed.rules().get(3));
        assertEquals(Optional.of("stolen laptop"), parsed.rules().get(0).description());
    }

    @Test
    void ruleSourceNamesTheObjectAndTheEntry() {
        ParsedSpec parsed = RevocationSpecParser.parse(spec(
                entry("kind", "Group", "group", "a"), entry("kind", "Group", "group", "b")), "kube-system", "groups");

        assertEquals(new RuleSource("kube-system", "groups", 1), parsed.rules().get(1).source());
        assertEquals("RenewRevocation kube-system/groups spec.revocations[1]", parsed.rules().get(1).source().describe());
    }

    @Test
    void kindIsCaseInsensitive() {
        ParsedSpec parsed = RevocationSpecParser.parse(spec(
                entry("kind", "SerialNumber", "serialNumber", "1f"),
                entry("kind", "GROUP", "group", "g"),
                entry("kind", "dns", "dns", "a.b"),
                entry("kind", "Ip", "ip", "10.0.0.1")), "", "x");

        assertEquals(List.of(), parsed.errors());
        assertEquals(List.of(RevocationKind.SERIAL_NUMBER, RevocationKind.GROUP, RevocationKind.DNS, RevocationKind.IP),
                parsed.rules().stream().map(RevocationRule::kind).toList());
    }

    @Test
    void serialWithColonsUppercaseAndLeadingZerosBecomesTheApiForm() {
        RevocationRule rule = Rules.rule("serialnumber", "00:77:FD:F4:B1:03:3B:38:7A:AA:CE:6C:E1:C1:87:10:C2");

        assertEquals("77fdf4b1033b387aaace6ce1c18710c2", rule.value());
    }

    @Test
    void dnsNameIsLowerCasedAndLosesItsTrailingDot() {
        assertEquals("kubernetes.default.svc", Rules.rule("DNS", "Kubernetes.Default.SVC.").value());
        assertEquals(".cluster.local", Rules.rule("DNS", ".Cluster.Local.").value());
    }

    @Test
    void ipv6IsPrintedInRfc5952FormWhateverTheInput() {
        assertEquals("::1", Rules.rule("IP", "0:0:0:0:0:0:0:1").value());
        assertEquals("2001:db8::1", Rules.rule("IP", "2001:DB8:0:0::1").value());
    }

    @Test
    void ipv4MappedIpv6RuleIsTheIpv4Address() throws Exception {
        RevocationRule.ByIp rule = (RevocationRule.ByIp) Rules.rule("IP", "::ffff:10.0.0.1");

        assertEquals(InetAddress.getByName("10.0.0.1"), rule.address());
    }

    @Test
    void notBeforeAcceptsOffsetsAndFractionsOfRfc3339() {
        RevocationRule rule = Rules.rule("Group", "g", "2020-04-17T19:22:05.5+02:00");

        assertEquals(Optional.of(Instant.parse("2020-04-17T17:22:05.500Z")), rule.notBefore());
    }

    @Test
    void reportsAnInvalidIpWithItsIndex() {
        List<String> errors = errors(
                entry("kind", "Group", "group", "a"), entry("kind", "Group", "group", "b"),
                entry("kind", "Group", "group", "c"), entry("kind", "IP", "ip", "300.1.2.3"));

        assertEquals(List.of("spec.revocations[3].ip: \"300.1.2.3\" is not an IP address"), errors);
    }

    @Test
    void refusesIpRangesWithAHint() {
        assertEquals(List.of("spec.revocations[0].ip: \"10.0.0.0/8\" is not an IP address (ranges are not supported, list each address)"),
                errors(entry("kind", "IP", "ip", "10.0.0.0/8")));
    }

    @Test
    void reportsAKindWithoutItsValueField() {
        assertEquals(List.of("spec.revocations[0]: kind serialnumber needs field serialNumber"),
                errors(entry("kind", "serialnumber", "notBefore", "2020-04-17T17:22:05Z")));
    }

    @Test
    void reportsTheValueFieldOfAnotherKind() {
        assertEquals(List.of("spec.revocations[1]: field dns is not allowed for kind IP"),
                errors(entry("kind", "DNS", "dns", "a.b"), entry("kind", "IP", "ip", "10.0.0.1", "dns", "a.b")));
    }

    @Test
    void reportsAnUnknownKind() {
        assertEquals(List.of("spec.revocations[0].kind: \"CommonName\" is not one of serialnumber, Group, DNS, IP"),
                errors(entry("kind", "CommonName", "cn", "x")));
    }

    @Test
    void reportsAMissingKind() {
        assertEquals(List.of("spec.revocations[0].kind: required (one of serialnumber, Group, DNS, IP)"),
                errors(entry("group", "x")));
    }

    @Test
    void reportsUnknownFieldsOfEntriesAndOfTheSpec() {
        assertEquals(List.of("spec.revocations[0]: unknown field reason"),
                errors(entry("kind", "Group", "group", "g", "reason", "compromise")));
        assertEquals(List.of("spec: unknown field revocation", "spec.revocations: required"),
                RevocationSpecParser.validate(Map.of("revocation", List.of())));
    }

    @Test
    void reportsNotBeforeThatIsNotRfc3339() {
        for (String bad : List.of("2020-04-17", "2020-04-17T17:22Z", "2020-04-17 17:22:05Z", "2020-02-30T00:00:00Z", "yesterday")) {
            assertEquals(List.of("spec.revocations[0].notBefore: \"" + bad + "\" is not an RFC 3339 timestamp (e.g. 2020-04-17T17:22:05Z)"),
                    errors(entry("kind", "Group", "group", "g", "notBefore", bad)), bad);
        }
    }

    @Test
    void reportsSerialsThatAreNotHex() {
        assertEquals(List.of("spec.revocations[0].serialNumber: \"0x1f\" is not a hexadecimal serial number (hex digits, optionally separated by colons)"),
                errors(entry("kind", "serialnumber", "serialNumber", "0x1f")));
        assertEquals(1, errors(entry("kind", "serialnumber", "serialNumber", "77::fd")).size());
        assertEquals(1, errors(entry("kind", "serialnumber", "serialNumber", ":77fd")).size());
    }

    @Test
    void reportsSerialsLongerThanRfc5280Allows() {
        assertEquals(List.of("spec.revocations[0].serialNumber: \"" + "7f".repeat(21) + "\" is longer than 20 octets, the limit of RFC 5280"),
                errors(entry("kind", "serialnumber", "serialNumber", "7f".repeat(21))));
        assertEquals(List.of(), errors(entry("kind", "serialnumber", "serialNumber", "00" + "7f".repeat(20))));
    }

    @Test
    void reportsInvalidDnsNames() {
        assertEquals(List.of("spec.revocations[0].dns: \"a..b\" is not a DNS name: empty label"),
                errors(entry("kind", "DNS", "dns", "a..b")));
        assertEquals(List.of("spec.revocations[0].dns: \".\" is not a DNS suffix (.domain): empty name"),
                errors(entry("kind", "DNS", "dns", ".")));
        assertEquals(List.of("spec.revocations[0].dns: \"-a.b\" is not a DNS name: label -a must start and end with a letter or digit"),
                errors(entry("kind", "DNS", "dns", "-a.b")));
        assertEquals(List.of("spec.revocations[0].dns: \"a_b.c\" is not a DNS name: label a_b may contain only letters, digits and '-'"),
                errors(entry("kind", "DNS", "dns", "a_b.c")));
        assertEquals(1, errors(entry("kind", "DNS", "dns", "x".repeat(64) + ".b")).size());
        assertEquals(1, errors(entry("kind", "DNS", "dns", ("a".repeat(60) + ".").repeat(5))).size());
    }

    @Test
    void refusesWildcardsAndExplainsTheSuffixForm() {
        List<String> errors = errors(entry("kind", "DNS", "dns", "*.cluster.local"));

        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("a leading dot, as in .example.com, matches every name under example.com"), errors.get(0));
    }

    @Test
    void numbersWhereTheSchemaSaysStringAreRefusedNotGuessed() {
        assertEquals(List.of("spec.revocations[0].serialNumber: must be a string, not number \"1234\" (quote it in YAML)"),
                errors(entry("kind", "serialnumber", "serialNumber", 1234)));
    }

    @Test
    void collectsEveryProblemNotJustTheFirst() {
        List<String> errors = errors(
                entry("kind", "IP", "ip", "1.2.3"),
                entry("kind", "Group", "group", "ok"),
                entry("kind", "DNS"),
                "not an object");

        assertEquals(List.of(
                "spec.revocations[0].ip: \"1.2.3\" is not an IP address",
                "spec.revocations[2]: kind DNS needs field dns",
                "spec.revocations[3]: must be an object with a kind"), errors);
    }

    @Test
    void keepsTheValidRulesNextToTheErrors() {
        ParsedSpec parsed = RevocationSpecParser.parse(spec(
                entry("kind", "IP", "ip", "nope"), entry("kind", "Group", "group", "g")), "", "x");

        assertEquals(1, parsed.errors().size());
        assertEquals(List.of("Group g"), parsed.rules().stream().map(RevocationRule::describe).toList());
    }

    @Test
    void reportsAMissingSpecOrRevocationsList() {
        assertEquals(List.of("spec: required"), RevocationSpecParser.validate(null));
        assertEquals(List.of("spec.revocations: must be a list"),
                RevocationSpecParser.validate(Map.of("revocations", "everything")));
    }

    @Test
    void anEmptyRevocationsListIsValid() {
        assertEquals(List.of(), RevocationSpecParser.validate(Map.of("revocations", List.of())));
    }

    @Test
    void quotesHugeOrControlCharacterValuesSafely() {
        List<String> errors = errors(entry("kind", "IP", "ip", "1\n" + "9".repeat(500)));

        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("spec.revocations[0].ip: \"1\\u000a999"), errors.get(0));
        assertTrue(errors.get(0).length() < 200, errors.get(0));
    }
}
