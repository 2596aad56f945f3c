package io.clusterca.webhook;

import java.util.List;
import java.util.Map;

/**
 * Validates the {@code spec} of a {@code RenewRevocation} (group {@code clusterca.io}); the CA engine supplies the
 * real rules. Returns one message per problem, each naming its field, e.g.
 * {@code spec.revocations[3].ip: "300.1.2.3" is not an IP address}; an empty list means valid.
 */
@FunctionalInterface
public interface RenewRevocationValidator {
    List<String> validate(Map<String, Object> spec);
}
