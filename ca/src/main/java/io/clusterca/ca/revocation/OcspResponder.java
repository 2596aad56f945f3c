package io.clusterca.ca.revocation;

import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.crypto.Crypto;
import io.clusterca.ca.ledger.Ledger;
import io.clusterca.ca.ledger.LedgerEntry;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The RFC 6960 OCSP responder of one CA, signing with the CA's own key (so clients need no delegated
 * responder certificate) and naming itself by key hash. For each certificate asked about:
 * {@code good} when this CA issued it (per the ledger) and no rule revokes it; {@code revoked} with the
 * time the matching rule came into force and no reason (meaning unspecified); {@code unknown} when
 * the serial is not one this CA issued or the request names another issuer (issuerNameHash/issuerKeyHash).
 * A nonce in the request is echoed. Bytes that are not an OCSP request get a {@code malformedRequest}
 * response, never an exception. Thread-safe; every response is signed, so call it off any event loop.
 */
public final class OcspResponder {
    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(1);
    /** Caps the signing work one request can cause; OCSP clients ask about one certificate at a time. */
    static final int MAX_CERTIFICATES_PER_REQUEST = 20;
    private static final System.Logger LOG = System.getLogger(OcspResponder.class.getName());

    private final CertificateAuthority ca;
    private final Ledger ledger;
    private final Supplier<RevocationIndex> rules;
    private final Clock clock;
    private final Duration validity;
    private final X509CertificateHolder issuer;
    private final DigestCalculatorProvider digests;
    private final RespID responderId;

    public OcspResponder(CertificateAuthority ca, Ledger ledger, Supplier<RevocationIndex> rules, Clock clock,
                         Duration validity) {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("OCSP validity must be positive");
        }
        this.ca = Objects.requireNonNull(ca);
        this.ledger = Objects.requireNonNull(ledger);
        this.rules = Objects.requireNonNull(rules);
        this.clock = Objects.requireNonNull(clock);
        this.validity = validity;
        try {
            this.issuer = new JcaX509CertificateHolder(ca.certificate());
            this.digests = new JcaDigestCalculatorProviderBuilder().setProvider(Crypto.BC).build();
            // RFC 6960 4.2.1: KeyHash is the SHA-1 hash of the responder's public key.
            this.responderId = new RespID(issuer.getSubjectPublicKeyInfo(), digests.get(CertificateID.HASH_SHA1));
        } catch (CertificateEncodingException | OperatorCreationException | OCSPException e) {
            throw new IllegalStateException("cannot set up the OCSP responder of " + ca.name().id(), e);
        }
    }

    /** The DER {@code OCSPResponse} for the DER {@code OCSPRequest} in {@code request}. */
    public byte[] respond(byte[] request) {
        Optional<OCSPReq> parsed = parse(request);
        if (parsed.isEmpty()) {
            return status(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        Req[] asked = parsed.get().getRequestList();
        if (asked.length == 0 || asked.length > MAX_CERTIFICATES_PER_REQUEST) {
            return status(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        try {
            return answer(parsed.get(), asked);
        } catch (OCSPException | IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "OCSP response for " + ca.name().id() + " failed", e);
            return status(OCSPRespBuilder.INTERNAL_ERROR);
        }
    }

    private byte[] answer(OCSPReq request, Req[] asked) throws OCSPException, IOException {
        // Whole seconds: GeneralizedTime with a fraction trips up some strict decoders.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Date thisUpdate = Date.from(now);
        Date nextUpdate = Date.from(now.plus(validity));
        RevocationIndex index = rules.get();
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(responderId);
        for (Req req : asked) {
            CertificateID id = req.getCertID();
            builder.addResponse(id, status(id, index), thisUpdate, nextUpdate, null);
        }
        Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (nonce != null) {
            builder.setResponseExtensions(new Extensions(
                    new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, nonce.getExtnValue())));
        }
        BasicOCSPResp basic = builder.build(ca.contentSigner(), null, thisUpdate);
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }

    private CertificateStatus status(CertificateID id, RevocationIndex index) {
        if (!issuedByUs(id)) {
            return new UnknownStatus();
        }
        Optional<LedgerEntry> entry = ledger.bySerial(CertificateAuthority.serialHex(id.getSerialNumber()))
                .filter(e -> e.ca().equals(ca.name().id()));
        if (entry.isEmpty()) {
            return new UnknownStatus();
        }
        Optional<RevocationMatch> match = index.check(CertificateFacts.of(entry.get()));
        if (match.isEmpty()) {
            return CertificateStatus.GOOD;
        }
        Instant revokedAt = match.get().revocationTime(entry.get().notBefore()).truncatedTo(ChronoUnit.SECONDS);
        return new RevokedStatus(new RevokedInfo(new ASN1GeneralizedTime(Date.from(revokedAt)), null));
    }

    private boolean issuedByUs(CertificateID id) {
        try {
            return id.matchesIssuer(issuer, digests);
        } catch (OCSPException e) {
            // A hash algorithm we do not support: we cannot say the certificate is ours.
            return false;
        }
    }

    private static Optional<OCSPReq> parse(byte[] request) {
        if (request == null || request.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new OCSPReq(request));
        } catch (IOException | RuntimeException e) {
            // BouncyCastle reports some malformed encodings as IllegalArgumentException or ClassCastException.
            return Optional.empty();
        }
    }

    private static byte[] status(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException("cannot encode an OCSP status response", e);
        }
    }
}
