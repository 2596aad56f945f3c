package io.clusterca.ca.keystore;

/**
 * Argon2id cost parameters for deriving a KEK from a passphrase. They are stored with each KEK
 * version, so changing the defaults later leaves existing versions readable.
 *
 * @param memoryKiB   memory per derivation in KiB
 * @param iterations  passes over the memory
 * @param parallelism lanes
 */
public record Argon2Params(int memoryKiB, int iterations, int parallelism) {
    /**
     * RFC 9106 section 4, second recommended option (64 MiB, 3 passes, 4 lanes) for machines without
     * 2 GiB to spare. BouncyCastle computes lanes on one thread; measured with JMH on 2 (busy, shared)
     * cores at 0.15-0.5 s per derivation, paid once per KEK version per process.
     */
    public static final Argon2Params RECOMMENDED = new Argon2Params(64 * 1024, 3, 4);

    public Argon2Params {
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("Argon2 parallelism must be 1-64, got " + parallelism);
        }
        if (iterations < 1 || iterations > 64) {
            throw new IllegalArgumentException("Argon2 iterations must be 1-64, got " + iterations);
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > 4 * 1024 * 1024) {
            throw new IllegalArgumentException("Argon2 memory must be " + 8 * parallelism + " KiB to 4 GiB, got " + memoryKiB + " KiB");
        }
    }
}
