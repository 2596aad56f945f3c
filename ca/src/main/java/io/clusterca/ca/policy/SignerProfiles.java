package io.clusterca.ca.policy;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The signer profiles a CA serves, by signer name. Immutable; pass {@code profiles::forName} where a lookup is wanted. */
public final class SignerProfiles {
    private final Map<String, SignerProfile> byName;

    private SignerProfiles(Map<String, SignerProfile> byName) {
        this.byName = byName;
    }

    /** The seven standard profiles, kubelet-serving configured by {@code serving}. */
    public static SignerProfiles standard(ServingPolicy serving) {
        return of(StandardProfiles.all(serving));
    }

    /** @throws IllegalArgumentException when two profiles share a signer name */
    public static SignerProfiles of(Collection<? extends SignerProfile> profiles) {
        Map<String, SignerProfile> map = new TreeMap<>();
        for (SignerProfile p : profiles) {
            if (map.putIfAbsent(p.signerName(), p) != null) {
                throw new IllegalArgumentException("two signer profiles named " + p.signerName());
            }
        }
        return new SignerProfiles(Collections.unmodifiableMap(map));
    }

    public Optional<SignerProfile> forName(String signerName) {
        return Optional.ofNullable(byName.get(signerName));
    }

    /** Sorted. */
    public Set<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byName.keySet()));
    }

    /** Evaluates with the profile the request names; an unknown signer name is refused. */
    public PolicyDecision evaluate(CertificateRequest request) {
        return forName(request.signerName()).map(p -> p.evaluate(request))
                .orElseGet(() -> new PolicyDecision.Refused("unknown signer name " + request.signerName()));
    }
}
