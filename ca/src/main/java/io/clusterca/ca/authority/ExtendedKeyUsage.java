package io.clusterca.ca.authority;

import org.bouncycastle.asn1.x509.KeyPurposeId;

public enum ExtendedKeyUsage {
    SERVER_AUTH(KeyPurposeId.id_kp_serverAuth),
    CLIENT_AUTH(KeyPurposeId.id_kp_clientAuth);

    private final KeyPurposeId oid;

    ExtendedKeyUsage(KeyPurposeId oid) {
        this.oid = oid;
    }

    public KeyPurposeId oid() {
        return oid;
    }
}
