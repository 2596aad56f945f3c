package io.clusterca.webhook;

import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code POST /validate} does below HTTP: decode the AdmissionReview, evaluate the policy, encode the
 * answer. CPU only, no I/O; thread-safe.
 */
public final class AdmissionHandler {
    /**
     * One answered review.
     *
     * @param request      the decoded request (for events and metrics: kind, namespace, name, user, dryRun)
     * @param verdict      the policy's verdict
     * @param responseBody the AdmissionReview JSON to send back with status 200
     */
    public record Outcome(AdmissionRequest request, Verdict verdict, byte[] responseBody) {}

    private final AdmissionCodec codec;
    private final TokenPolicy policy;

    public AdmissionHandler(AdmissionCodec codec, TokenPolicy policy) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** @throws AdmissionCodecException when the body is not a usable AdmissionReview (answer 400) */
    public Outcome handle(byte[] body) throws AdmissionCodecException {
        AdmissionRequest request = codec.decode(body).getRequest();
        Verdict verdict = policy.evaluate(request);
        return new Outcome(request, verdict, codec.encodeResponse(request.getUid(), verdict));
    }

    /**
     * Runs harmless sample reviews (a Secret, a Pod, a Deployment, a CronJob, in namespace
     * {@value WarmUpSamples#NAMESPACE}) through {@link #handle} {@code rounds} times. The first review in a fresh
     * JVM loads the fabric8 model and Jackson's deserializers and takes over a second; call this at startup, off
     * the event loop, before reporting ready. The policy's collaborators see these lookups like any others.
     */
    public void warmUp(int rounds) {
        List<byte[]> samples = WarmUpSamples.reviews(codec);
        for (int round = 0; round < rounds; round++) {
            for (byte[] sample : samples) {
                try {
                    handle(sample);
                } catch (AdmissionCodecException e) {
                    throw new IllegalStateException("warm-up sample rejected by the codec", e);
                }
            }
        }
    }
}
