package io.clusterca.kafka;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.clusterca.ca.ledger.LedgerEntry;
import java.text.ParseException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The value of a record on the compacted ledger topic (key = serial): one {@link LedgerEntry} as a
 * JSON object with the record's field names, instants in RFC 3339, and {@code "v": 1} so a later
 * format can be told apart by replicas of different versions.
 */
public final class LedgerEntryJson {
    static final int VERSION = 1;
    private static final Pattern SERIAL = Pattern.compile("[0-9a-f]{1,40}");

    private LedgerEntryJson() {}

    public static String encode(LedgerEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("v", VERSION);
        json.put("serial", entry.serial());
        json.put("signerName", entry.signerName());
        json.put("ca", entry.ca());
        json.put("subject", entry.subject());
        json.put("commonName", entry.commonName());
        json.put("organizations", entry.organizations());
        json.put("dnsNames", entry.dnsNames());
        json.put("ipAddresses", entry.ipAddresses());
        json.put("notBefore", entry.notBefore().toString());
        json.put("notAfter", entry.notAfter().toString());
        json.put("requester", entry.requester());
        json.put("issuedAt", entry.issuedAt().toString());
        return JSONObjectUtils.toJSONString(json);
    }

    /**
     * @throws IllegalArgumentException naming the first missing or malformed field
     */
    public static LedgerEntry decode(String text) {
        try {
            Map<String, Object> json = JSONObjectUtils.parse(text);
            long version = JSONObjectUtils.getLong(json, "v");
            if (version != VERSION) {
                throw new IllegalArgumentException("unsupported ledger record version " + version);
            }
            String serial = string(json, "serial");
            if (!SERIAL.matcher(serial).matches()) {
                throw new IllegalArgumentException("serial '" + serial + "' is not lowercase hex");
            }
            return new LedgerEntry(serial, string(json, "signerName"), string(json, "ca"), string(json, "subject"),
                    string(json, "commonName"), strings(json, "organizations"), strings(json, "dnsNames"),
                    strings(json, "ipAddresses"), instant(json, "notBefore"), instant(json, "notAfter"),
                    string(json, "requester"), instant(json, "issuedAt"));
        } catch (ParseException e) {
            throw new IllegalArgumentException("malformed ledger record: " + e.getMessage(), e);
        }
    }

    private static String string(Map<String, Object> json, String field) throws ParseException {
        String value = JSONObjectUtils.getString(json, field);
        if (value == null) {
            throw new IllegalArgumentException("ledger record lacks " + field);
        }
        return value;
    }

    private static List<String> strings(Map<String, Object> json, String field) throws ParseException {
        List<String> values = JSONObjectUtils.getStringList(json, field);
        if (values == null) {
            throw new IllegalArgumentException("ledger record lacks " + field);
        }
        return values;
    }

    private static Instant instant(Map<String, Object> json, String field) throws ParseException {
        String value = string(json, field);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("ledger record " + field + " '" + value + "' is not an RFC 3339 instant", e);
        }
    }
}
