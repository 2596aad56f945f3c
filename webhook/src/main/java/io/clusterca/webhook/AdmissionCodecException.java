package io.clusterca.webhook;

import java.util.Objects;

/**
 * A request body that is not a usable {@code admission.k8s.io/v1} AdmissionReview. The HTTP route answers 400 with
 * {@code {"error": problem().id(), "reason": getMessage()}}. The message never quotes values from the body.
 */
public final class AdmissionCodecException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the body; {@link #id()} is the stable name for the error response and metrics. */
    public enum Problem {
        MALFORMED_JSON("malformed-json"),
        NOT_AN_ADMISSION_REVIEW("not-an-admission-review"),
        MISSING_REQUEST("missing-request"),
        MISSING_UID("missing-uid"),
        INCOMPLETE_REQUEST("incomplete-request");

        private final String id;

        Problem(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    private final Problem problem;

    AdmissionCodecException(Problem problem, String reason) {
        super(Objects.requireNonNull(reason, "reason"));
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public Problem problem() {
        return problem;
    }
}
