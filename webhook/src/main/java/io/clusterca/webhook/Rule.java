package io.clusterca.webhook;

/** The rules of the admission policy; {@link #id()} is the stable name used in metrics, events and logs. */
public enum Rule {
    LEGACY_TOKEN_SECRET_TYPE("legacy-token-secret-type"),
    LEGACY_TOKEN_IN_SECRET("legacy-token-in-secret"),
    TOKEN_EXPIRATION_TOO_LONG("token-expiration-too-long"),
    LEGACY_TOKEN_REFERENCE("legacy-token-reference"),
    INVALID_RENEW_REVOCATION("invalid-renewrevocation");

    private final String id;

    Rule(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
