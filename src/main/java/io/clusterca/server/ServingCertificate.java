package io.clusterca.server;

import io.clusterca.ca.authority.CaName;
import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.authority.ExtendedKeyUsage;
import io.clusterca.ca.authority.LeafSpec;
import io.clusterca.ca.crypto.KeyAlgorithm;
import io.clusterca.ca.crypto.Pem;
import io.clusterca.ca.issuance.IssuanceSettings;
import io.clusterca.ca.ledger.Ledger;
import io.clusterca.ca.ledger.LedgerEntry;
import io.clusterca.ca.net.IpAddresses;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * The server's own TLS identity, issued by the cluster CA. Its key lives only in memory (a restart
 * issues a new one), so no serving key ever touches disk; the certificate is in the ledger like any
 * other. Renewed once two thirds of its lifetime have passed.
 */
public record ServingCertificate(X509Certificate certificate, X509Certificate issuer, KeyPair keys) {
    public static final String SIGNER_NAME = "clusterca.io/serving";

    /** Issues a serving certificate for {@code sans} (plus localhost, 127.0.0.1 and ::1). Blocking. */
    public static ServingCertificate issue(CertificateAuthority ca, List<String> sans, Ledger ledger,
                                           IssuanceSettings settings, Instant now) {
        KeyPair keys = KeyAlgorithm.ECDSA_P256.generate();
        Set<String> names = new LinkedHashSet<>(List.of("localhost"));
        List<InetAddress> ips = new ArrayList<>();
        for (String san : sans) {
            ipLiteral(san).ifPresentOrElse(ips::add, () -> names.add(san));
        }
        ips.add(ipLiteral("127.0.0.1").orElseThrow());
        ips.add(ipLiteral("::1").orElseThrow());
        String cn = sans.isEmpty() ? "clusterca" : sans.get(0);
        LeafSpec spec = new LeafSpec(SIGNER_NAME, CaName.KUBERNETES_CA, new X500Name("CN=" + cn),
                List.copyOf(names), ips.stream().distinct().toList(), List.of(), List.of(),
                Set.of(ExtendedKeyUsage.SERVER_AUTH), keys.getPublic(), Optional.empty());
        X509Certificate cert = ca.sign(spec, now, settings.defaultValidity(), settings.maxValidity(), settings.endpoints());
        ledger.append(LedgerEntry.of(cert, SIGNER_NAME, ca.name().id(), "clusterca", now));
        return new ServingCertificate(cert, ca.certificate(), keys);
    }

    public Instant renewAt() {
        Instant from = certificate.getNotBefore().toInstant();
        Instant to = certificate.getNotAfter().toInstant();
        return from.plus(Duration.between(from, to).multipliedBy(2).dividedBy(3));
    }

    /** The key and chain for Vert.x, from memory buffers (no file). */
    public PemKeyCertOptions keyCertOptions() {
        return new PemKeyCertOptions()
                .addKeyValue(Buffer.buffer(Pem.encodePrivateKey(keys.getPrivate())))
                .addCertValue(Buffer.buffer(Pem.encodeAll(List.of(certificate, issuer))));
    }

    /** Only literal addresses; never a DNS lookup. */
    static Optional<InetAddress> ipLiteral(String s) {
        return IpAddresses.parse(s);
    }
}
