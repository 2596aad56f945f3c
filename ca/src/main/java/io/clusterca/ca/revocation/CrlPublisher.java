package io.clusterca.ca.revocation;

import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.ledger.Ledger;
import io.clusterca.ca.ledger.LedgerEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * The X.509 v2 CRL of one CA: every unexpired certificate the ledger says this CA issued and a rule
 * revokes. Entries carry no reasonCode, which RFC 5280 5.3.1 prefers over the value "unspecified".
 *
 * <p>The CRL number is the generation time in epoch milliseconds, bumped past the previous number when
 * two generations share a millisecond: it increases across restarts and across replicas without any
 * state to persist, as long as clocks do not step backwards by more than the interval between CRLs.
 *
 * <p>The CRL is cached and rebuilt only when the rules changed (index version), the ledger grew, or
 * half its validity has passed (so relying parties always fetch one with ample time left, and expired
 * certificates drop out). Thread-safe; building signs, so call it off any event loop.
 */
public final class CrlPublisher {
    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(1);

    private final CertificateAuthority ca;
    private final Ledger ledger;
    private final Supplier<RevocationIndex> rules;
    private final Clock clock;
    private final Duration validity;
    private final Extension authorityKeyIdentifier;
    private volatile Cached cached;
    private BigInteger lastNumber = BigInteger.ZERO;

    /**
     * @param rules    normally the {@link RevocationRegistry}: the cache relies on {@link RevocationIndex#version()}
     *                 changing with every change of rules
     * @param validity nextUpdate - thisUpdate, e.g. {@link #DEFAULT_VALIDITY}
     */
    public CrlPublisher(CertificateAuthority ca, Ledger ledger, Supplier<RevocationIndex> rules, Clock clock,
                        Duration validity) {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("CRL validity must be positive");
        }
        this.ca = Objects.requireNonNull(ca);
        this.ledger = Objects.requireNonNull(ledger);
        this.rules = Objects.requireNonNull(rules);
        this.clock = Objects.requireNonNull(clock);
        this.validity = validity;
        try {
            this.authorityKeyIdentifier = new Extension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()).getEncoded());
        } catch (NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("cannot compute the authority key identifier of " + ca.name().id(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The current CRL, rebuilt first when stale. */
    public Crl current() {
        RevocationIndex index = rules.get();
        List<LedgerEntry> entries = ledger.entries();
        Instant now = clock.instant();
        Cached c = cached;
        if (c != null && c.fresh(index.version(), entries.size(), now, validity)) {
            return c.crl();
        }
        synchronized (this) {
            c = cached;
            if (c != null && c.fresh(index.version(), entries.size(), now, validity)) {
                return c.crl();
            }
            Crl crl = build(index, entries, now);
            cached = new Cached(crl, index.version(), entries.size());
            return crl;
        }
    }

    private Crl build(RevocationIndex index, List<LedgerEntry> entries, Instant clockNow) {
        BigInteger number = BigInteger.valueOf(clockNow.toEpochMilli()).max(lastNumber.add(BigInteger.ONE));
        lastNumber = number;
        // CRL times are encoded in whole seconds; keep the record equal to what is signed.
        Instant now = clockNow.truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = now.plus(validity);
        X509v2CRLBuilder builder = new X509v2CRLBuilder(
                X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()), Date.from(now));
        builder.setNextUpdate(Date.from(nextUpdate));
        int revoked = 0;
        String caId = ca.name().id();
        for (LedgerEntry entry : entries) {
            if (!entry.ca().equals(caId) || !entry.notAfter().isAfter(now)) {
                continue;
            }
            Optional<RevocationMatch> match = index.check(CertificateFacts.of(entry));
            if (match.isPresent()) {
                builder.addCRLEntry(new BigInteger(entry.serial(), 16),
                        Date.from(match.get().revocationTime(entry.notBefore())), (Extensions) null);
                revoked++;
            }
        }
        try {
            builder.addExtension(authorityKeyIdentifier);
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            byte[] der = builder.build(ca.contentSigner()).getEncoded();
            return new Crl(der, number, now, nextUpdate, revoked);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the CRL of " + caId, e);
        }
    }

    /**
     * One signed CRL.
     *
     * @param der DER encoding, served as {@code application/pkix-crl}
     */
    public record Crl(byte[] der, BigInteger number, Instant thisUpdate, Instant nextUpdate, int revokedCount) {
        public Crl {
            der = der.clone();
        }

        @Override
        public byte[] der() {
            return der.clone();
        }
    }

    private record Cached(Crl crl, long indexVersion, int ledgerSize) {
        boolean fresh(long version, int size, Instant now, Duration validity) {
            Instant refreshAt = crl.thisUpdate().plus(validity.dividedBy(2));
            return version == indexVersion && size == ledgerSize && now.isBefore(refreshAt)
                    && !now.isBefore(crl.thisUpdate());
        }
    }
}
