package io.clusterca.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The AdmissionReview files under {@code admission/}, with their token placeholders replaced by freshly signed
 * JWTs (a real token cannot sit in a test file without looking like a leaked credential).
 */
public final class AdmissionFixtures {
    private static final Map<String, String> PLACEHOLDERS = placeholders();

    private AdmissionFixtures() {
    }

    public static byte[] review(String resource) {
        return text(resource).getBytes(StandardCharsets.UTF_8);
    }

    public static String text(String resource) {
        String raw = raw(resource);
        for (Map.Entry<String, String> placeholder : PLACEHOLDERS.entrySet()) {
            raw = raw.replace(placeholder.getKey(), placeholder.getValue());
        }
        return raw;
    }

    public static String raw(String resource) {
        try (InputStream in = AdmissionFixtures.class.getResourceAsStream("/admission/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource admission/" + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> placeholders() {
        String legacy = TestTokens.legacy();
        return Map.of(
                "${LEGACY_JWT_BASE64}", TestTokens.base64(legacy),
                "${LEGACY_JWT}", legacy,
                "${BOUND_JWT_BASE64}", TestTokens.base64(TestTokens.bound()),
                "${KUBECONFIG_WITH_LEGACY_JWT_BASE64}", TestTokens.base64(TestTokens.kubeconfigWith(legacy)));
    }
}
