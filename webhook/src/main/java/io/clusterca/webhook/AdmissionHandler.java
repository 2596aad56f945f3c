package io.clusterca.webhook;

import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
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
}
