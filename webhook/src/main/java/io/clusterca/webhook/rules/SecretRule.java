package io.clusterca.webhook.rules;

import io.clusterca.webhook.Rule;
import io.clusterca.webhook.Violation;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Secrets may not be, or carry, legacy service-account tokens: neither the {@code kubernetes.io/service-account-token}
 * type (the token controller would mint a non-expiring token into it) nor a copied token without {@code exp} in
 * {@code data} or {@code stringData}.
 */
public final class SecretRule {
    public static final String LEGACY_TOKEN_TYPE = "kubernetes.io/service-account-token";
    private static final String USE_BOUND_TOKENS =
            "use the TokenRequest API (kubectl create token) or a projected serviceAccountToken volume instead";
    private static final String STORE_BOUND_TOKENS =
            "store a bound token with an expiry (TokenRequest API, kubectl create token) instead";

    private final LegacyTokenDetector detector;

    public SecretRule(LegacyTokenDetector detector) {
        this.detector = Objects.requireNonNull(detector, "detector");
    }

    public List<Violation> check(Secret secret) {
        List<Violation> violations = new ArrayList<>(0);
        if (LEGACY_TOKEN_TYPE.equals(secret.getType())) {
            violations.add(Violation.of(Rule.LEGACY_TOKEN_SECRET_TYPE, "type",
                    '"' + LEGACY_TOKEN_TYPE + "\" makes the token controller store a non-expiring token",
                    USE_BOUND_TOKENS));
        }
        scan(secret.getData(), "data", detector::findInBase64, violations);
        scan(secret.getStringData(), "stringData", detector::findInText, violations);
        return violations;
    }

    private static void scan(Map<String, String> values, String field, Function<String, Optional<LegacyToken>> finder,
                             List<Violation> violations) {
        if (values == null) {
            return;
        }
        values.forEach((key, value) -> finder.apply(value).ifPresent(token -> violations.add(Violation.of(
                Rule.LEGACY_TOKEN_IN_SECRET, FieldPath.of(field).key(key).toString(),
                "contains a non-expiring service-account token" + token.forWhom(),
                STORE_BOUND_TOKENS))));
    }
}
