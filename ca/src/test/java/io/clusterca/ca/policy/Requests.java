package io.clusterca.ca.policy;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** Requesters and requests for policy tests. */
final class Requests {
    private final String signerName;
    private final PKCS10CertificationRequest csr;
    private Optional<Requester> requester = Optional.empty();
    private Optional<Duration> expiration = Optional.empty();
    private Optional<Set<String>> usages = Optional.empty();

    private Requests(String signerName, PKCS10CertificationRequest csr) {
        this.signerName = signerName;
        this.csr = csr;
    }

    static Requests request(String signerName, PKCS10CertificationRequest csr) {
        return new Requests(signerName, csr);
    }

    static Requester node(String name) {
        return new Requester(Requester.NODE_PREFIX + name, Set.of(Requester.NODES_GROUP, "system:authenticated"));
    }

    static Requester bootstrapper() {
        return new Requester("system:bootstrap:abcdef", Set.of(Requester.BOOTSTRAPPERS_GROUP, "system:authenticated"));
    }

    static Requester administrator() {
        return new Requester("kubernetes-admin", Set.of(RequesterRules.ADMINISTRATORS_GROUP, "system:authenticated"));
    }

    static Requester user(String name) {
        return new Requester(name, Set.of("system:authenticated"));
    }

    Requests by(Requester who) {
        this.requester = Optional.of(who);
        return this;
    }

    Requests usages(String... values) {
        this.usages = Optional.of(Set.of(values));
        return this;
    }

    Requests expirationSeconds(long seconds) {
        this.expiration = Optional.of(Duration.ofSeconds(seconds));
        return this;
    }

    CertificateRequest build() {
        return new CertificateRequest(signerName, csr, requester, expiration, usages);
    }
}
