package io.clusterca.ca.events;

/** Event types; the wire name is the lowercase dotted form, e.g. {@code certificate.issued}. */
public enum EventType {
    CERTIFICATE_ISSUED("certificate.issued"),
    CERTIFICATE_RENEWED("certificate.renewed"),
    CERTIFICATE_REFUSED("certificate.refused"),
    REVOCATION_MATCHED("revocation.matched"),
    ADMISSION_DENIED("admission.denied"),
    SA_KEY_ROTATED("sa-key.rotated"),
    SA_KEY_RETIRED("sa-key.retired"),
    KEK_ROTATED("kek.rotated");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
