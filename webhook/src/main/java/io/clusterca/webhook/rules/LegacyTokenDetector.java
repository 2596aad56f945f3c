package io.clusterca.webhook.rules;

import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Finds legacy service-account tokens in arbitrary values: a whole value that is a token, or a token embedded in
 * a larger document (a kubeconfig's {@code token:} line, a JSON credential file).
 *
 * <p>Cost stays linear in the value's size and JWT parsing is rare: the scan only stops at {@code eyJ} (the
 * base64url of <code>{"</code> that starts every JOSE header), takes the maximal run of base64url characters and
 * dots from there, requires exactly three segments, and hands the run to nimbus only when its payload mentions
 * {@code serviceaccount}, as every Kubernetes-issued token's claims do ({@code iss}, {@code sub} or the
 * {@code kubernetes.io/serviceaccount/*} claims). Signatures are irrelevant here: what matters is that the value
 * would be accepted as a non-expiring credential, not who signed it.
 */
public final class LegacyTokenDetector {
    /** The issuer of every legacy token, whatever {@code --service-account-issuer} says. */
    public static final String LEGACY_ISSUER = "kubernetes/serviceaccount";
    private static final String SERVICE_ACCOUNT_SUBJECT_PREFIX = "system:serviceaccount:";
    private static final String LEGACY_CLAIM_PREFIX = "kubernetes.io/serviceaccount/";
    private static final byte[] JOSE_HEADER_START = {'e', 'y', 'J'};
    private static final byte[] PAYLOAD_MARKER = "serviceaccount".getBytes(StandardCharsets.US_ASCII);
    /** Far above any real token (a few KiB); bounds the work a hostile value can cause per candidate. */
    private static final int MAX_TOKEN_LENGTH = 64 * 1024;

    /** Looks in a Secret {@code data} value, which the API sends base64-encoded. */
    public Optional<LegacyToken> findInBase64(String base64) {
        if (base64 == null || base64.length() < 4) {
            return Optional.empty();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            // The API server validates data as base64; anything else cannot be a stored credential.
            return Optional.empty();
        }
        return findIn(decoded);
    }

    /** Looks in a plain text value, e.g. a Secret {@code stringData} entry. */
    public Optional<LegacyToken> findInText(String text) {
        if (text == null || text.indexOf("eyJ") < 0) {
            return Optional.empty();
        }
        return findIn(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Looks in raw bytes; the first legacy token found wins. */
    public Optional<LegacyToken> findIn(byte[] value) {
        int from = 0;
        while (true) {
            int start = indexOf(value, JOSE_HEADER_START, from);
            if (start < 0) {
                return Optional.empty();
            }
            if (start > 0 && isTokenChar(value[start - 1])) {
                // Inside a longer run that was already examined (or cannot start a token): move on.
                from = start + 1;
                continue;
            }
            int end = start;
            int dots = 0;
            while (end < value.length && isTokenChar(value[end])) {
                if (value[end] == '.') {
                    dots++;
                }
                end++;
            }
            if (dots == 2 && end - start <= MAX_TOKEN_LENGTH) {
                Optional<LegacyToken> token = examine(value, start, end);
                if (token.isPresent()) {
                    return token;
                }
            }
            from = end;
        }
    }

    private static Optional<LegacyToken> examine(byte[] value, int start, int end) {
        int firstDot = indexOf(value, (byte) '.', start, end);
        int secondDot = indexOf(value, (byte) '.', firstDot + 1, end);
        if (secondDot - firstDot < 2) {
            return Optional.empty();
        }
        byte[] payload;
        try {
            payload = Base64.getUrlDecoder().decode(Arrays.copyOfRange(value, firstDot + 1, secondDot));
        } catch (IllegalArgumentException notBase64url) {
            return Optional.empty();
        }
        if (indexOf(payload, PAYLOAD_MARKER, 0) < 0) {
            return Optional.empty();
        }
        try {
            JWT jwt = JWTParser.parse(new String(value, start, end - start, StandardCharsets.US_ASCII));
            if (jwt instanceof EncryptedJWT) {
                return Optional.empty();
            }
            return legacy(jwt.getJWTClaimsSet());
        } catch (ParseException notAJwt) {
            return Optional.empty();
        }
    }

    /** A service-account token (by issuer, subject or claims) that never expires. */
    static Optional<LegacyToken> legacy(JWTClaimsSet claims) {
        if (claims == null || claims.getClaim("exp") != null) {
            return Optional.empty();
        }
        String subject = claims.getSubject();
        boolean serviceAccountToken = LEGACY_ISSUER.equals(claims.getIssuer())
                || (subject != null && subject.startsWith(SERVICE_ACCOUNT_SUBJECT_PREFIX))
                || claims.getClaims().keySet().stream().anyMatch(name -> name.startsWith(LEGACY_CLAIM_PREFIX));
        return serviceAccountToken ? Optional.of(new LegacyToken(Optional.ofNullable(subject))) : Optional.empty();
    }

    private static boolean isTokenChar(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '-' || b == '_' || b == '.';
    }

    private static int indexOf(byte[] haystack, byte needle, int from, int to) {
        for (int i = from; i < to; i++) {
            if (haystack[i] == needle) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
