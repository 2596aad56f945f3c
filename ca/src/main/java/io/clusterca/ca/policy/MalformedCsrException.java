package io.clusterca.ca.policy;

/**
 * A CSR whose structure parses but whose content cannot be read (a repeated or undecodable
 * extension request, an IP SAN of odd length, a URI SAN that is no URI). Like Go's
 * {@code x509.ParseCertificateRequest} failing: bad input, not a policy decision.
 */
public final class MalformedCsrException extends IllegalArgumentException {
    public MalformedCsrException(String reason) {
        super(reason);
    }
}
