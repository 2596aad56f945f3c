package io.clusterca.server.revocation;

import io.clusterca.ca.revocation.ParsedSpec;
import io.clusterca.ca.revocation.RevocationRule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * A YAML file of RenewRevocation documents ({@code ---} separated), read with fabric8's own YAML
 * support. A file is all or nothing: its rules come back only when every document is a valid
 * {@code clusterca.io/v1} RenewRevocation, so a typo never half-applies a file.
 */
public final class RenewRevocationYaml {
    private final KubernetesSerialization serialization;

    public RenewRevocationYaml(KubernetesSerialization serialization) {
        this.serialization = Objects.requireNonNull(serialization);
    }

    /** The rules of every document, or (with none of them) every problem found. */
    public record Content(List<RevocationRule> rules, List<String> problems) {
        public Content {
            rules = List.copyOf(rules);
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /** @param fileName names objects without metadata.name ({@code file.yaml#2}) */
    public Content read(String yaml, String fileName) {
        List<?> documents;
        try {
            Object parsed = serialization.unmarshal(yaml);
            documents = parsed == null ? List.of() : parsed instanceof List<?> l ? l : List.of(parsed);
        } catch (RuntimeException e) {
            return new Content(List.of(), List.of(describe(e)));
        }
        List<RevocationRule> rules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            String doc = "document " + (i + 1);
            if (!(documents.get(i) instanceof HasMetadata object)) {
                problems.add(doc + ": not a Kubernetes object (apiVersion, kind, metadata, spec)");
                continue;
            }
            if (!RenewRevocations.isRenewRevocation(object)) {
                problems.add(doc + ": " + object.getApiVersion() + " " + object.getKind() + " is not a "
                        + RenewRevocations.API_VERSION + " " + RenewRevocations.KIND);
                continue;
            }
            String namespace = object.getMetadata() == null ? null : object.getMetadata().getNamespace();
            String name = object.getMetadata() == null || object.getMetadata().getName() == null
                    ? fileName + "#" + (i + 1) : object.getMetadata().getName();
            @SuppressWarnings("unchecked")
            Map<String, Object> asMap = serialization.convertValue(object, Map.class);
            ParsedSpec spec = RenewRevocations.parse(asMap.get("spec"), namespace, name);
            spec.errors().forEach(e -> problems.add(doc + " (" + name + "): " + e));
            rules.addAll(spec.rules());
        }
        return problems.isEmpty() ? new Content(rules, List.of()) : new Content(List.of(), problems);
    }

    /** A parser failure in one line: what and where, without the parser's multi-line snippet. */
    private static String describe(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYamlEngineException y) {
                String where = y.getProblemMark().map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
                        .orElse("");
                String context = y.getContext() == null ? "" : y.getContext() + ": ";
                return "not valid YAML: " + context + y.getProblem() + where;
            }
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return "not a valid object: " + (newline < 0 ? message : message.substring(0, newline));
    }
}
