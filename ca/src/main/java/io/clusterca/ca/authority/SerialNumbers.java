package io.clusterca.ca.authority;

import io.clusterca.ca.crypto.Crypto;
import java.math.BigInteger;

/**
 * Certificate serials: 127 random bits (CA/Browser Forum asks for at least 64 bits of CSPRNG
 * output), always positive and at most 16 bytes, well inside RFC 5280's 20-octet limit.
 */
public final class SerialNumbers {
    private SerialNumbers() {}

    public static BigInteger next() {
        BigInteger serial;
        do {
            serial = new BigInteger(127, Crypto.random());
        } while (serial.signum() == 0);
        return serial;
    }
}
