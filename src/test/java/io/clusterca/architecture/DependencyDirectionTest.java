package io.clusterca.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the architecture honest: the CA engine is plain Java + BouncyCastle + nimbus, the webhook
 * policy is pure, and only the server joins them to Vert.x, Kubernetes and Kafka.
 */
class DependencyDirectionTest {
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void caEngineImportsNeitherWebhookNorServerNorFrameworks() {
        List<String> offending = importsUnder(Path.of("ca/src/main/java"),
                "io.clusterca.webhook", "io.clusterca.server", "io.clusterca.cli", "io.clusterca.kube",
                "io.clusterca.kafka", "io.vertx", "io.fabric8", "org.apache.kafka");
        assertEquals(List.of(), offending);
    }

    @Test
    void webhookPolicyImportsNeitherServerNorVertx() {
        List<String> offending = importsUnder(Path.of("webhook/src/main/java"),
                "io.clusterca.server", "io.clusterca.cli", "io.clusterca.kube", "io.clusterca.kafka",
                "io.vertx", "io.fabric8.kubernetes.client", "org.apache.kafka");
        assertEquals(List.of(), offending);
    }

    @Test
    void engineSourcesLiveInTheirOwnPackages() {
        assertTrue(javaFiles(Path.of("ca/src/main/java")).allMatch(p -> p.toString().contains("io/clusterca/ca/")));
        assertTrue(javaFiles(Path.of("webhook/src/main/java")).allMatch(p -> p.toString().contains("io/clusterca/webhook/")));
    }

    private static List<String> importsUnder(Path root, String... forbidden) {
        return javaFiles(root).flatMap(file -> {
            String source = read(file);
            return IMPORT.matcher(source).results()
                    .map(m -> m.group(2))
                    .filter(imp -> Stream.of(forbidden).anyMatch(imp::startsWith))
                    .map(imp -> root.relativize(file) + " imports " + imp);
        }).sorted().toList();
    }

    private static Stream<Path> javaFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        try {
            return Files.walk(root).filter(p -> p.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
