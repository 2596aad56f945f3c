package io.clusterca.ca.ledger;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One ledger entry as one line of JSON; the same form goes to the Kafka ledger topic. */
public final class LedgerCodec {
    private LedgerCodec() {}

    public static String encode(LedgerEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("serial", e.serial());
        m.put("signerName", e.signerName());
        m.put("ca", e.ca());
        m.put("subject", e.subject());
        m.put("commonName", e.commonName());
        m.put("organizations", e.organizations());
        m.put("dnsNames", e.dnsNames());
        m.put("ipAddresses", e.ipAddresses());
        m.put("notBefore", e.notBefore().toString());
        m.put("notAfter", e.notAfter().toString());
        m.put("requester", e.requester());
        m.put("issuedAt", e.issuedAt().toString());
        return JSONObjectUtils.toJSONString(m);
    }

    /** @throws IllegalArgumentException naming what is wrong with the line */
    public static LedgerEntry decode(String json) {
        try {
            Map<String, Object> m = JSONObjectUtils.parse(json);
            return new LedgerEntry(
                    JSONObjectUtils.getString(m, "serial"),
                    JSONObjectUtils.getString(m, "signerName"),
                    JSONObjectUtils.getString(m, "ca"),
                    JSONObjectUtils.getString(m, "subject"),
                    JSONObjectUtils.getString(m, "commonName"),
                    strings(m, "organizations"),
                    strings(m, "dnsNames"),
                    strings(m, "ipAddresses"),
                    Instant.parse(JSONObjectUtils.getString(m, "notBefore")),
                    Instant.parse(JSONObjectUtils.getString(m, "notAfter")),
                    JSONObjectUtils.getString(m, "requester"),
                    Instant.parse(JSONObjectUtils.getString(m, "issuedAt")));
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable ledger entry: " + e.getMessage(), e);
        }
    }

    private static List<String> strings(Map<String, Object> m, String key) throws ParseException {
        List<String> list = JSONObjectUtils.getStringList(m, key);
        return list == null ? List.of() : list;
    }
}
