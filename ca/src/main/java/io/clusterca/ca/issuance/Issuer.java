package io.clusterca.ca.issuance;

import io.clusterca.ca.authority.CaHierarchy;
import io.clusterca.ca.authority.CertificateAuthority;
import io.clusterca.ca.authority.LeafSpec;
import io.clusterca.ca.events.Event;
import io.clusterca.ca.events.EventSink;
import io.clusterca.ca.events.EventType;
import io.clusterca.ca.ledger.Ledger;
import io.clusterca.ca.ledger.LedgerEntry;
import io.clusterca.ca.policy.CertificateRequest;
import io.clusterca.ca.policy.PolicyDecision;
import io.clusterca.ca.policy.SignerProfile;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Issuance end to end: the signer profile decides, gates (revocation) may still refuse, the right CA
 * signs, and the ledger records the certificate durably before anyone sees it. Every outcome is an
 * event. Blocking (signing, fsync): call from a worker thread.
 */
public final class Issuer {
    private final CaHierarchy cas;
    private final Function<String, Optional<SignerProfile>> profiles;
    private final List<IssuanceGate> gates;
    private final Ledger ledger;
    private final EventSink events;
    private final Clock clock;
    private final IssuanceSettings settings;

    public Issuer(CaHierarchy cas, Function<String, Optional<SignerProfile>> profiles, List<IssuanceGate> gates,
                  Ledger ledger, EventSink events, Clock clock, IssuanceSettings settings) {
        this.cas = cas;
        this.profiles = profiles;
        this.gates = List.copyOf(gates);
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
    }

    public Issuance issue(CertificateRequest request) {
        return issue(request, EventType.CERTIFICATE_ISSUED, requesterName(request));
    }

    /**
     * Like {@link #issue}, recorded as a renewal. The caller has proven the identity (the presented
     * certificate) and checked that the request keeps it; {@code renewedBy} names it in the ledger.
     */
    public Issuance renew(CertificateRequest request, String renewedBy) {
        return issue(request, EventType.CERTIFICATE_RENEWED, renewedBy);
    }

    private static String requesterName(CertificateRequest request) {
        return request.requester().map(r -> r.username()).orElse("admin");
    }

    private Issuance issue(CertificateRequest request, EventType successType, String requester) {
        Optional<SignerProfile> profile = profiles.apply(request.signerName());
        if (profile.isEmpty()) {
            return refuse(request, "unknown signer name " + request.signerName());
        }
        PolicyDecision decision = profile.get().evaluate(request);
        if (decision instanceof PolicyDecision.Refused refused) {
            return refuse(request, refused.reason());
        }
        LeafSpec spec = ((PolicyDecision.Approved) decision).spec();
        for (IssuanceGate gate : gates) {
            Optional<String> reason = gate.refuse(spec);
            if (reason.isPresent()) {
                return refuse(request, reason.get());
            }
        }
        Instant now = clock.instant();
        CertificateAuthority ca = cas.get(spec.ca());
        X509Certificate cert = ca.sign(spec, now, settings.defaultValidity(), settings.maxValidity(), settings.endpoints());
        LedgerEntry entry = LedgerEntry.of(cert, spec.signerName(), ca.name().id(), requester, now);
        ledger.append(entry);
        events.publish(Event.of(successType, now, entry.serial(), facts(entry)));
        return new Issuance.Issued(cert, List.of(cert, ca.certificate()), entry);
    }

    private Issuance refuse(CertificateRequest request, String reason) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("signerName", request.signerName());
        facts.put("subject", request.csr().getSubject().toString());
        facts.put("requester", requesterName(request));
        facts.put("reason", reason);
        events.publish(Event.of(EventType.CERTIFICATE_REFUSED, clock.instant(), null, facts));
        return new Issuance.Refused(reason);
    }

    private static Map<String, Object> facts(LedgerEntry e) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("serial", e.serial());
        facts.put("signerName", e.signerName());
        facts.put("ca", e.ca());
        facts.put("subject", e.subject());
        facts.put("dnsNames", e.dnsNames());
        facts.put("ipAddresses", e.ipAddresses());
        facts.put("notAfter", e.notAfter().toString());
        facts.put("requester", e.requester());
        return facts;
    }
}
