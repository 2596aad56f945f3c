package io.clusterca.server.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterca.ca.revocation.CertificateFacts;
import io.clusterca.ca.revocation.RevocationRegistry;
import io.clusterca.ca.revocation.RevocationRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevocationDirectoryTest {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dataDir;

    private Path dir;
    private RevocationRegistry registry;
    private RevocationDirectory directory;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createDirectories(dataDir.resolve("revocations"));
        registry = new RevocationRegistry(Clock.systemUTC());
        directory = new RevocationDirectory(dir, registry, SERIALIZATION, Clock.systemUTC());
    }

    private static String object(String name, String... entries) {
        StringBuilder sb = new StringBuilder("apiVersion: clusterca.io/v1\nkind: RenewRevocation\nmetadata:\n  name: "
                + name + "\nspec:\n  revocations:\n");
        for (String e : entries) {
            sb.append("  - ").append(e).append('\n');
        }
        return sb.toString();
    }

    private Path write(String file, String content) throws IOException {
        return Files.writeString(dir.resolve(file), content);
    }

    private boolean revokesDns(String name) {
        return registry.index().check(new CertificateFacts(Optional.of("1"), List.of(), List.of(name), List.of(), ISSUED))
                .isPresent();
    }

    private List<String> rules() {
        return registry.index().rules().stream().map(f -> f.rule().describe()).sorted().toList();
    }

    @Test
    void loadsEveryRenewRevocationDocumentOfEveryYamlFile() throws IOException {
        write("a.yaml", object("one", "{kind: DNS, dns: a.example}") + "---\n" + object("two", "{kind: DNS, dns: b.example}"));
        write("b.yml", object("three", "{kind: Group, group: contractors}"));

        ReloadResult result = directory.reload();

        assertEquals(List.of(dir.resolve("a.yaml"), dir.resolve("b.yml")), result.applied());
        assertEquals(List.of("DNS a.example", "DNS b.example", "Group contractors"), rules());
        assertEquals(List.of(), result.problems());
    }

    @Test
    void rulesRememberTheObjectTheyCameFrom() throws IOException {
        write("a.yaml", "apiVersion: clusterca.io/v1\nkind: RenewRevocation\nmetadata: {name: stolen, namespace: kube-system}\n"
                + "spec:\n  revocations:\n  - {kind: Group, group: x}\n  - {kind: DNS, dns: a.example}\n");

        directory.reload();

        RevocationRule rule = registry.index().rules().get(1).rule();
        assertEquals("RenewRevocation kube-system/stolen spec.revocations[1]", rule.source().describe());
    }

    @Test
    void ignoresOtherFilesAndHiddenOnes() throws IOException {
        write("notes.txt", object("x", "{kind: DNS, dns: a.example}"));
        write(".editing.yaml", object("x", "{kind: DNS, dns: b.example}"));
        write("a.yaml.bak", object("x", "{kind: DNS, dns: c.example}"));

        directory.reload();

        assertEquals(List.of(), rules());
    }

    @Test
    void aMissingDirectoryMeansNoRulesAndNoProblem() throws IOException {
        Files.delete(dir);

        ReloadResult result = directory.reload();

        assertFalse(result.changed());
        assertEquals(List.of(), result.problems());
    }

    @Test
    void reloadingAnUnchangedDirectoryChangesNothing() throws IOException {
        write("a.yaml", object("one", "{kind: DNS, dns: a.example}"));
        directory.reload();
        long version = registry.version();

        ReloadResult again = directory.reload();

        assertFalse(again.changed());
        assertEquals(version, registry.version());
    }

    @Test
    void anEditedFileReplacesItsRules() throws IOException {
        write("a.yaml", object("one", "{kind: DNS, dns: a.example}"));
        directory.reload();

        write("a.yaml", object("one", "{kind: DNS, dns: b.example}", "{kind: IP, ip: 10.0.0.1}"));
        ReloadResult result = directory.reload();

        assertEquals(List.of(dir.resolve("a.yaml")), result.applied());
        assertEquals(List.of("DNS b.example", "IP 10.0.0.1"), rules());
    }

    @Test
    void anEditKeepingSizeAndModificationTimeIsStillNoticed() throws IOException {
        Path file = write("a.yaml", object("one", "{kind: DNS, dns: a.example}"));
        directory.reload();
        FileTime mtime = Files.getLastModifiedTime(file);

        write("a.yaml", object("one", "{kind: DNS, dns: z.example}"));
        Files.setLastModifiedTime(file, mtime);
        directory.reload();

        assertEquals(List.of("DNS z.example"), rules());
    }

    @Test
    void aBrokenFileIsReportedAndItsRulesInForceStay() throws IOException {
        write("a.yaml", object("one", "{kind: DNS, dns: a.example}"));
        directory.reload();

        write("a.yaml", object("one", "{kind: DNS, dns: b.example}", "{kind: IP, ip: 300.1.2.3}"));
        ReloadResult result = directory.reload();

        assertFalse(result.changed());
        assertTrue(revokesDns("a.example"));
        assertFalse(revokesDns("b.example"), "a broken file is not applied even in part");
        assertEquals(List.of(new DirectoryProblem(dir.resolve("a.yaml"),
                "document 1 (one): spec.revocations[1].ip: \"300.1.2.3\" is not an IP address")), result.problems());
        assertEquals(result.problems(), directory.problems());
    }

    @Test
    void aFileThatIsNotYamlIsReportedWithItsLine() throws IOException {
        write("a.yaml", "apiVersion: clusterca.io/v1\nkind: RenewRevocation\nspec:\n  revocations: [\n");

        ReloadResult result = directory.reload();

        assertEquals(1, result.problems().size());
        String reason = result.problems().get(0).reason();
        assertTrue(reason.startsWith("not valid YAML: ") && reason.contains("line 5"), reason);
    }

    @Test
    void aDocumentOfAnotherKindRejectsTheFile() throws IOException {
        write("a.yaml", object("one", "{kind: DNS, dns: a.example}") + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");

        ReloadResult result = directory.reload();

        assertEquals(List.of(), rules());
        assertEquals("document 2: v1 ConfigMap is not a clusterca.io/v1 RenewRevocation", result.problems().get(0).reason());
    }

    @Test
    void theProblemStaysReportedUntilTheFileIsFixed() throws IOException {
        write("a.yaml", object("one", "{kind: DNS, dns: -bad-}"));
        directory.reload();
        assertEquals(1, directory.reload().problems().size());

        write("a.yaml", object("one", "{kind: DNS, dns: good.example}"));
        ReloadResult fixed = directory.reload();

        assertEquals(List.of(), fixed.problems());
        assertEquals(List.of("DNS good.example"), rules());
    }

    @Test
    void aFileTooLargeToBeARevocationListIsReportedAndItsRulesStay() throws IOException {
        Path file = write("a.yaml", object("one", "{kind: DNS, dns: a.example}"));
        directory.reload();

        Files.writeString(file, "# padding\n".repeat((int) (RevocationDirectory.MAX_FILE_BYTES / 10) + 1));
        ReloadResult result = directory.reload();

        assertEquals(List.of(new DirectoryProblem(file, "larger than 4 MiB")), result.problems());
        assertTrue(revokesDns("a.example"));
    }

    @Test
    void aFileThatRecoversWithTheSameContentLosesItsProblem() throws IOException {
        Path file = write("a.yaml", object("one", "{kind: DNS, dns: a.example}"));
        directory.reload();
        String content = Files.readString(file);
        Files.writeString(file, "# padding\n".repeat((int) (RevocationDirectory.MAX_FILE_BYTES / 10) + 1));
        directory.reload();

        Files.writeString(file, content);
        ReloadResult result = directory.reload();

        assertEquals(List.of(), result.problems());
        assertEquals(List.of("DNS a.example"), rules());
    }

    @Test
    void aDeletedFileTakesItsRulesWithIt() throws IOException {
        write("a.yaml", object("one", "{kind: DNS, dns: a.example}"));
        write("b.yaml", object("two", "{kind: DNS, dns: b.example}"));
        directory.reload();

        Files.delete(dir.resolve("a.yaml"));
        ReloadResult result = directory.reload();

        assertEquals(List.of(dir.resolve("a.yaml")), result.removed());
        assertEquals(List.of("DNS b.example"), rules());
    }

    @Test
    void deletingABrokenFileLiftsTheRulesItOnceHadAndItsProblem() throws IOException {
        write("a.yaml", object("one", "{kind: DNS, dns: a.example}"));
        directory.reload();
        write("a.yaml", "not: [valid");
        directory.reload();

        Files.delete(dir.resolve("a.yaml"));
        ReloadResult result = directory.reload();

        assertEquals(List.of(), rules());
        assertEquals(List.of(), result.problems());
    }

    @Test
    void anEmptyFileHasNoRulesAndNoProblem() throws IOException {
        write("a.yaml", "# nothing revoked yet\n");

        ReloadResult result = directory.reload();

        assertEquals(List.of(), result.problems());
        assertEquals(List.of(), rules());
    }

    @Test
    void anObjectWithoutANameIsNamedAfterItsFileAndPosition() throws IOException {
        write("a.yaml", "apiVersion: clusterca.io/v1\nkind: RenewRevocation\nspec:\n  revocations:\n  - {kind: Group, group: g}\n");

        directory.reload();

        assertEquals("RenewRevocation a.yaml#1 spec.revocations[0]", registry.index().rules().get(0).rule().source().describe());
    }

    @Test
    void aMountedConfigMapLayoutIsFollowedThroughItsSymlinks() throws IOException {
        Path data = Files.createDirectories(dir.resolve("..2026_01_01"));
        Files.writeString(data.resolve("a.yaml"), object("one", "{kind: DNS, dns: a.example}"));
        Files.createSymbolicLink(dir.resolve("..data"), data.getFileName());
        Files.createSymbolicLink(dir.resolve("a.yaml"), Path.of("..data/a.yaml"));

        directory.reload();

        assertEquals(List.of("DNS a.example"), rules());
    }

    @Test
    void inDataDirReadsTheRevocationsSubdirectory() {
        assertEquals(dataDir.resolve("revocations"), RevocationDirectory.inDataDir(dataDir, registry).directory());
    }
}
