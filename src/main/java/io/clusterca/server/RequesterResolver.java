package io.clusterca.server;

import io.clusterca.ca.authority.SubjectNames;
import io.clusterca.ca.policy.Requester;
import io.clusterca.ca.tokens.BootstrapTokens;
import io.vertx.core.http.HttpServerRequest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Who is asking. A client certificate verified by the TLS layer against our roots makes its subject
 * the requester (CN = user, O = groups), as kube-apiserver's x509 authenticator does; otherwise a
 * bootstrap token in {@code Authorization: Bearer}.
 */
public final class RequesterResolver {
    private final BootstrapTokens tokens;
    private final Clock clock;

    public RequesterResolver(BootstrapTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The authenticated requester, with the certificate it presented if it came by mTLS. */
    public record Authenticated(Requester requester, Optional<X509Certificate> clientCertificate) {}

    public Optional<Authenticated> resolve(HttpServerRequest request) {
        Optional<X509Certificate> cert = clientCertificate(request);
        if (cert.isPresent()) {
            return Optional.of(new Authenticated(fromCertificate(cert.get()), cert));
        }
        String auth = request.getHeader("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return tokens.authenticate(auth.substring(7).trim(), clock.instant())
                    .map(r -> new Authenticated(r, Optional.empty()));
        }
        return Optional.empty();
    }

    public static Optional<X509Certificate> clientCertificate(HttpServerRequest request) {
        if (!request.isSSL()) {
            return Optional.empty();
        }
        try {
            List<Certificate> chain = request.connection().peerCertificates();
            if (chain != null && !chain.isEmpty() && chain.get(0) instanceof X509Certificate x509) {
                return Optional.of(x509);
            }
        } catch (SSLPeerUnverifiedException e) {
            // No client certificate: the token path decides.
        }
        return Optional.empty();
    }

    static Requester fromCertificate(X509Certificate cert) {
        X500Name subject = SubjectNames.subjectOf(cert);
        return new Requester(SubjectNames.commonName(subject).orElse(""), Set.copyOf(SubjectNames.organizations(subject)));
    }
}
