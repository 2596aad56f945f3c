package io.clusterca.ca.policy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which {@code spec.usages} (certificates.k8s.io/v1 KeyUsage strings) a signer accepts: all of
 * {@code required}, any of {@code optional}, nothing else. Requests without a usages field (our own
 * HTTP API, the CLI) skip this rule; the profile's EKUs decide what the certificate says either way.
 */
public record UsagePolicy(List<String> required, List<String> optional) {
    public static final String DIGITAL_SIGNATURE = "digital signature";
    public static final String KEY_ENCIPHERMENT = "key encipherment";
    public static final String CLIENT_AUTH = "client auth";
    public static final String SERVER_AUTH = "server auth";

    /**
     * kubelet client: {digital signature, client auth} with or without key encipherment, exactly the
     * two sets kubeletClientRequiredUsages / kubeletClientRequiredUsagesNoRSA of pkg/apis/certificates/helpers.go.
     */
    public static final UsagePolicy KUBELET_CLIENT = new UsagePolicy(List.of(DIGITAL_SIGNATURE, CLIENT_AUTH), List.of(KEY_ENCIPHERMENT));
    /** kubelet serving: kubeletServingRequiredUsages / kubeletServingRequiredUsagesNoRSA of the same file. */
    public static final UsagePolicy KUBELET_SERVING = new UsagePolicy(List.of(DIGITAL_SIGNATURE, SERVER_AUTH), List.of(KEY_ENCIPHERMENT));
    /** Any client signer: as signer.go validAPIServerClientUsages, client auth required, the two key usages optional. */
    public static final UsagePolicy CLIENT = new UsagePolicy(List.of(CLIENT_AUTH), List.of(DIGITAL_SIGNATURE, KEY_ENCIPHERMENT));
    /** etcd server and peer certificates authenticate both ways, as kubeadm issues them. */
    public static final UsagePolicy SERVER_AND_CLIENT = new UsagePolicy(List.of(SERVER_AUTH, CLIENT_AUTH), List.of(DIGITAL_SIGNATURE, KEY_ENCIPHERMENT));

    public UsagePolicy {
        required = List.copyOf(required);
        optional = List.copyOf(optional);
    }

    /** The refusal for {@code usages} asked of {@code signerName}, if any (unknown usages first, in sorted order). */
    public Optional<String> refusal(String signerName, Set<String> usages) {
        Optional<String> notAllowed = usages.stream().sorted()
                .filter(u -> !required.contains(u) && !optional.contains(u))
                .findFirst();
        if (notAllowed.isPresent()) {
            return Optional.of("usage " + notAllowed.get() + " is not allowed by " + signerName + " (allowed: "
                    + String.join(", ", Stream.concat(required.stream(), optional.stream()).toList()) + ")");
        }
        List<String> missing = required.stream().filter(u -> !usages.contains(u)).toList();
        return missing.isEmpty() ? Optional.empty()
                : Optional.of("usages must include " + missing.stream().collect(Collectors.joining(", ")));
    }

    /** This policy as a rule on the request's {@code usages}, when the request carries them. */
    public Rule rule() {
        return (request, csr) -> request.usages().flatMap(u -> refusal(request.signerName(), u));
    }
}
