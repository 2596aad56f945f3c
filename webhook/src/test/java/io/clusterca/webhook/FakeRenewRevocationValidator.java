package io.clusterca.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Stands in for the CA engine's validator: flags {@code ip} values that are not dotted-quad IPv4 addresses. */
final class FakeRenewRevocationValidator implements RenewRevocationValidator {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    @Override
    public List<String> validate(Map<String, Object> spec) {
        List<String> errors = new ArrayList<>();
        if (!(spec.get("revocations") instanceof List<?> revocations) || revocations.isEmpty()) {
            return List.of("spec.revocations: at least one revocation is required");
        }
        for (int i = 0; i < revocations.size(); i++) {
            if (revocations.get(i) instanceof Map<?, ?> revocation && revocation.get("ip") instanceof String ip
                    && !IPV4.matcher(ip).matches()) {
                errors.add("spec.revocations[" + i + "].ip: \"" + ip + "\" is not an IP address");
            }
        }
        return errors;
    }
}
