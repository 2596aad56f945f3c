package io.clusterca.ca.kubeadm;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.bouncycastle.util.IPAddress;

/**
 * Parses IP address literals without ever resolving a name: {@link InetAddress#getByName} would
 * query DNS for anything that is not a literal, so the literal is validated first.
 */
final class IpLiterals {
    private IpLiterals() {}

    static Optional<InetAddress> parse(String text) {
        if (text == null || !IPAddress.isValid(text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    static InetAddress require(String text, String what) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException(
                what + " \"" + text + "\" is not a valid IP address"));
    }
}
