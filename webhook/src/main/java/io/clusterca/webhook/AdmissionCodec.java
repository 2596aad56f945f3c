package io.clusterca.webhook;

import io.clusterca.webhook.AdmissionCodecException.Problem;
import io.fabric8.kubernetes.api.model.GroupVersionKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import java.util.List;
import java.util.stream.Collectors;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes {@code admission.k8s.io/v1} AdmissionReviews with the fabric8 model and Jackson 3.
 *
 * <p>fabric8 types {@code request.object} and {@code request.oldObject} from their own apiVersion/kind (a Secret
 * becomes {@code Secret}, a Deployment {@code Deployment}, a custom resource {@code GenericKubernetesResource}), so
 * the policy works on the real object model. Responses carry only what a validating webhook may send: the same
 * {@code uid}, {@code allowed}, a 403 {@code status} on denial and {@code warnings}; never {@code patch} or
 * {@code patchType}, which the API server would count as a failed call. Thread-safe.
 */
public final class AdmissionCodec {
    public static final String API_VERSION = "admission.k8s.io/v1";
    public static final String KIND = "AdmissionReview";

    private final JsonMapper mapper;

    public AdmissionCodec() {
        this.mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .addMixIn(AdmissionRequest.class, AdmissionRequestMixIn.class)
                .addMixIns(UnreadFields.MIX_INS)
                .build();
    }

    /** Parses and checks a request body; the result has a non-null request with uid, kind and operation. */
    public AdmissionReview decode(byte[] body) throws AdmissionCodecException {
        if (body == null || body.length == 0) {
            throw new AdmissionCodecException(Problem.MALFORMED_JSON, "empty body; expected an AdmissionReview");
        }
        AdmissionReview review;
        try {
            review = mapper.readValue(body, AdmissionReview.class);
        } catch (JacksonException e) {
            throw new AdmissionCodecException(Problem.MALFORMED_JSON, describe(e));
        }
        if (review == null) {
            throw new AdmissionCodecException(Problem.NOT_AN_ADMISSION_REVIEW, "body is JSON null; expected an AdmissionReview");
        }
        if (!API_VERSION.equals(review.getApiVersion()) || !KIND.equals(review.getKind())) {
            throw new AdmissionCodecException(Problem.NOT_AN_ADMISSION_REVIEW, "expected apiVersion " + API_VERSION
                    + " and kind " + KIND + ", got apiVersion " + quoted(review.getApiVersion())
                    + " and kind " + quoted(review.getKind()));
        }
        AdmissionRequest request = review.getRequest();
        if (request == null) {
            throw new AdmissionCodecException(Problem.MISSING_REQUEST, "AdmissionReview has no request");
        }
        if (isBlank(request.getUid())) {
            throw new AdmissionCodecException(Problem.MISSING_UID, "request.uid is missing or empty");
        }
        if (request.getKind() == null || isBlank(request.getKind().getKind())) {
            throw new AdmissionCodecException(Problem.INCOMPLETE_REQUEST, "request.kind is missing");
        }
        if (isBlank(request.getOperation())) {
            throw new AdmissionCodecException(Problem.INCOMPLETE_REQUEST, "request.operation is missing");
        }
        checkObjectKind("request.object", request.getObject(), request.getKind());
        checkObjectKind("request.oldObject", request.getOldObject(), request.getKind());
        return review;
    }

    /** {@code group/version}, or just {@code version} for the core group. */
    static String apiVersion(GroupVersionKind gvk) {
        return isBlank(gvk.getGroup()) ? gvk.getVersion() : gvk.getGroup() + "/" + gvk.getVersion();
    }

    // kube-apiserver sends the object in the version request.kind names; an object that says otherwise would be
    // judged by the wrong type's rules, so it is refused rather than guessed at.
    private static void checkObjectKind(String field, Object object, GroupVersionKind gvk) throws AdmissionCodecException {
        if (!(object instanceof HasMetadata resource) || gvk.getVersion() == null) {
            return;
        }
        boolean kindDiffers = resource.getKind() != null && !resource.getKind().equals(gvk.getKind());
        boolean versionDiffers = resource.getApiVersion() != null && !resource.getApiVersion().equals(apiVersion(gvk));
        if (kindDiffers || versionDiffers) {
            throw new AdmissionCodecException(Problem.INCOMPLETE_REQUEST, field + " is " + quoted(resource.getApiVersion())
                    + " " + quoted(resource.getKind()) + " but request.kind says " + quoted(apiVersion(gvk)) + " "
                    + quoted(gvk.getKind()));
        }
    }

    /**
     * Types {@code object} and {@code oldObject} from {@code request.kind} in one pass. {@code options}
     * (CreateOptions, UpdateOptions...) decides nothing here, so it is skipped rather than read as a tree.
     */
    @JsonIgnoreProperties("options")
    private abstract static class AdmissionRequestMixIn {
        @JsonDeserialize(using = AdmittedObjectDeserializer.class)
        Object object;
        @JsonDeserialize(using = AdmittedObjectDeserializer.class)
        Object oldObject;

        @JsonDeserialize(using = AdmittedObjectDeserializer.class)
        abstract void setObject(Object object);

        @JsonDeserialize(using = AdmittedObjectDeserializer.class)
        abstract void setOldObject(Object oldObject);
    }

    /** The AdmissionReview answering request {@code uid} with {@code verdict}. */
    public AdmissionReview response(String uid, Verdict verdict) {
        AdmissionResponse response = new AdmissionResponse();
        response.setUid(uid);
        response.setAllowed(verdict.allowed());
        if (verdict instanceof Verdict.Denied denied) {
            Status status = new Status();
            status.setStatus("Failure");
            status.setCode(403);
            status.setReason("Forbidden");
            status.setMessage(denied.message());
            response.setStatus(status);
        }
        List<String> warnings = verdict.warnings();
        if (!warnings.isEmpty()) {
            response.setWarnings(warnings);
        }
        AdmissionReview review = new AdmissionReview();
        review.setApiVersion(API_VERSION);
        review.setKind(KIND);
        review.setResponse(response);
        return review;
    }

    public byte[] encode(AdmissionReview review) {
        return mapper.writeValueAsBytes(review);
    }

    /** {@link #encode} of {@link #response}: the body to send back for request {@code uid}. */
    public byte[] encodeResponse(String uid, Verdict verdict) {
        return encode(response(uid, verdict));
    }

    /** Location and nature of a parse failure, without echoing the (possibly secret) values of the body. */
    private static String describe(JacksonException e) {
        StringBuilder reason = new StringBuilder("malformed AdmissionReview JSON");
        TokenStreamLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            reason.append(" at line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr());
        }
        String path = e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (!path.isEmpty()) {
            reason.append(" (").append(path).append(')');
        }
        reason.append(": ").append(nature(e));
        return reason.toString();
    }

    // Jackson's own messages may quote the offending token, which could be a piece of a Secret: name the kind only.
    private static String nature(JacksonException e) {
        if (e instanceof UnexpectedEndOfInputException) {
            return "unexpected end of input";
        }
        if (e instanceof StreamConstraintsException) {
            return "document exceeds the parser's limits (nesting depth, number or string length)";
        }
        if (e instanceof InputCoercionException) {
            return "a number is out of range";
        }
        if (e instanceof StreamReadException) {
            return "invalid JSON syntax";
        }
        return "not an AdmissionReview object (a field has the wrong type)";
    }

    private static String quoted(String s) {
        return s == null ? "(none)" : '"' + (s.length() > 64 ? s.substring(0, 64) + "..." : s) + '"';
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
