package io.clusterca.ca.authority;

import java.util.Optional;

/**
 * The URLs a leaf advertises for revocation checking (CRL distribution point, OCSP in AIA), known
 * only when the server has a public URL ({@code --public-url}).
 */
public record PublicEndpoints(Optional<String> baseUrl) {
    public static final PublicEndpoints NONE = new PublicEndpoints(Optional.empty());

    public PublicEndpoints {
        baseUrl = baseUrl.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
    }

    public Optional<String> crlUrl(CaName ca) {
        return baseUrl.map(u -> u + "/v1/crl/" + ca.id());
    }

    public Optional<String> ocspUrl(CaName ca) {
        return baseUrl.map(u -> u + "/v1/ocsp/" + ca.id());
    }
}
