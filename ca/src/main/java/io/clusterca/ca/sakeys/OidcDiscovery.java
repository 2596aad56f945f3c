package io.clusterca.ca.sakeys;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The OIDC discovery document served at {@code GET /.well-known/openid-configuration}, with the
 * fields kube-apiserver serves (pkg/serviceaccount/openidmetadata.go): {@code issuer},
 * {@code jwks_uri}, {@code response_types_supported: ["id_token"]},
 * {@code subject_types_supported: ["public"]} and {@code id_token_signing_alg_values_supported}
 * (the sorted algorithms of the published keys).
 *
 * <p>{@code issuer} must equal kube-apiserver's {@code --service-account-issuer}, and relying parties
 * fetch {@code <issuer>/.well-known/openid-configuration}, so it is this service's public URL. As
 * kube-apiserver requires: an https URL without query or fragment.
 */
public record OidcDiscovery(URI issuer, URI jwksUri) {
    public static final String PATH = "/.well-known/openid-configuration";
    public static final String CONTENT_TYPE = "application/json";

    public OidcDiscovery {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jwksUri, "jwksUri");
        requireValidIssuer(issuer);
        requireHttpsUrl("jwks_uri", jwksUri);
    }

    /** The issuer, with the JWKS served next to the discovery document: {@code <issuer>/openid/v1/jwks}. */
    public static OidcDiscovery forIssuer(String issuer) {
        URI iss = requireValidIssuer(parse("issuer URL", issuer));
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return new OidcDiscovery(iss, parse("jwks_uri", base + JwksDocument.PATH));
    }

    public static OidcDiscovery of(String issuer, String jwksUri) {
        return new OidcDiscovery(parse("issuer URL", issuer), parse("jwks_uri", jwksUri));
    }

    /** The JSON document for the keys the ring publishes. */
    public String toJson(KeyRingState ring) {
        List<String> algorithms = ring.published().stream()
                .map(JwksDocument::jwk)
                .map(JWK::getAlgorithm)
                .map(Object::toString)
                .distinct()
                .sorted()
                .toList();
        if (algorithms.isEmpty()) {
            throw new IllegalStateException("no service-account key is published yet");
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer.toString());
        doc.put("jwks_uri", jwksUri.toString());
        doc.put("response_types_supported", List.of("id_token"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", algorithms);
        return JSONObjectUtils.toJSONString(doc);
    }

    public String toJson(KeyRing ring) {
        return toJson(ring.current());
    }

    private static URI parse(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidIssuerException("empty " + what);
        }
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidIssuerException(what + " is not a valid URL (" + e.getReason() + "), got: " + value);
        }
    }

    private static URI requireValidIssuer(URI issuer) {
        requireHttpsUrl("issuer URL", issuer);
        if (issuer.getRawQuery() != null) {
            throw new InvalidIssuerException("issuer URL may not include a query, got: " + issuer);
        }
        if (issuer.getRawFragment() != null) {
            throw new InvalidIssuerException("issuer URL may not include a fragment, got: " + issuer);
        }
        return issuer;
    }

    private static void requireHttpsUrl(String what, URI uri) {
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new InvalidIssuerException(what + " must use https scheme, got: " + uri);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidIssuerException(what + " must name a host, got: " + uri);
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidIssuerException(what + " may not include user info, got: " + uri);
        }
    }

    /** A bad {@code --service-account-issuer}/public URL: a configuration error (CLI exit 2). */
    public static final class InvalidIssuerException extends IllegalArgumentException {
        public InvalidIssuerException(String reason) {
            super(reason);
        }
    }
}
