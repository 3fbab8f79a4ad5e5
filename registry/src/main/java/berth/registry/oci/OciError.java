package berth.registry.oci;

import berth.registry.content.RegistryException;
import berth.registry.core.RepositoryId;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * An error of the distribution API: the spec's code, its HTTP status, and the JSON body
 * {@code {"errors":[{"code":…,"message":…,"detail":…}]}}.
 */
public final class OciError extends RuntimeException {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpStatus status;
    private final String code;
    private final String detail;
    private final List<String[]> headers;

    public OciError(HttpStatus status, String code, String message) {
        this(status, code, message, "", List.of());
    }

    private OciError(HttpStatus status, String code, String message, String detail, List<String[]> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.detail = detail;
        this.headers = headers;
    }

    /** The same error with a {@code detail} (a digest, a name) in its body. */
    public OciError withDetail(String newDetail) {
        return new OciError(status, code, getMessage(), newDetail, headers);
    }

    /** The same error with one more response header. */
    public OciError withHeader(String name, String value) {
        List<String[]> more = new java.util.ArrayList<>(headers);
        more.add(new String[] {name, value});
        return new OciError(status, code, getMessage(), detail, more);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    static OciError blobUnknown(String digest) {
        return new OciError(HttpStatus.NOT_FOUND, "BLOB_UNKNOWN", "blob unknown to registry").withDetail(digest);
    }

    static OciError uploadUnknown(String id) {
        return new OciError(HttpStatus.NOT_FOUND, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry").withDetail(id);
    }

    static OciError digestInvalid(String message) {
        return new OciError(HttpStatus.BAD_REQUEST, "DIGEST_INVALID", message);
    }

    static OciError manifestUnknown(String reference) {
        return new OciError(HttpStatus.NOT_FOUND, "MANIFEST_UNKNOWN", "manifest unknown").withDetail(reference);
    }

    /** NAME_UNKNOWN with ECR's own wording of a missing repository. */
    static OciError nameUnknown(RepositoryId id) {
        return new OciError(HttpStatus.NOT_FOUND, "NAME_UNKNOWN", "The repository with name '" + id.name()
                + "' does not exist in the registry with id '" + id.accountId() + "'").withDetail(id.name());
    }

    static OciError nameInvalid(String name) {
        return new OciError(HttpStatus.BAD_REQUEST, "NAME_INVALID", "invalid repository name").withDetail(name);
    }

    static OciError unsupported(String message) {
        return new OciError(HttpStatus.METHOD_NOT_ALLOWED, "UNSUPPORTED", message);
    }

    static OciError unauthorized(String message) {
        return new OciError(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", message);
    }

    static OciError denied(String message) {
        return new OciError(HttpStatus.FORBIDDEN, "DENIED", message);
    }

    /** The distribution API's rendering of a refusal by the registry's content rules. */
    static OciError from(RegistryException e) {
        String detail = e.subjects().isEmpty() ? "" : e.subjects().get(0);
        OciError error = switch (e.failure()) {
            case REPOSITORY_NOT_FOUND -> new OciError(HttpStatus.NOT_FOUND, "NAME_UNKNOWN", e.getMessage());
            case MANIFEST_INVALID -> new OciError(HttpStatus.BAD_REQUEST, "MANIFEST_INVALID", e.getMessage());
            case MANIFEST_UNSUPPORTED -> new OciError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED", e.getMessage());
            case LAYERS_MISSING, REFERENCED_IMAGES_MISSING ->
                    new OciError(HttpStatus.BAD_REQUEST, "MANIFEST_BLOB_UNKNOWN", e.getMessage());
            case DIGEST_MISMATCH -> new OciError(HttpStatus.BAD_REQUEST, "DIGEST_INVALID", e.getMessage());
            case TAG_INVALID, TAG_IMMUTABLE -> new OciError(HttpStatus.BAD_REQUEST, "TAG_INVALID", e.getMessage());
            case IMAGE_ALREADY_EXISTS -> new OciError(HttpStatus.CONFLICT, "DENIED", e.getMessage());
            case IMAGE_NOT_FOUND -> new OciError(HttpStatus.NOT_FOUND, "MANIFEST_UNKNOWN", e.getMessage());
            case IMAGE_REFERENCED_BY_INDEX -> new OciError(HttpStatus.CONFLICT, "DENIED", e.getMessage());
            case ACCESS_DENIED -> new OciError(HttpStatus.FORBIDDEN, "DENIED", e.getMessage());
        };
        return detail.isEmpty() ? error : error.withDetail(detail);
    }

    /** The error as a response; HEAD responses carry no body. */
    HttpResponse toResponse(boolean head) {
        ResponseHeadersBuilder builder = ResponseHeaders.builder(status)
                .contentType(MediaType.JSON_UTF_8)
                .add(DistributionService.API_VERSION_HEADER, DistributionService.API_VERSION);
        for (String[] header : headers) builder.add(header[0], header[1]);
        if (head) return HttpResponse.of(builder.build());
        ObjectNode entry = JSON.createObjectNode().put("code", code).put("message", getMessage());
        if (detail.isEmpty()) {
            entry.putNull("detail");
        } else {
            entry.put("detail", detail);
        }
        ObjectNode body = JSON.createObjectNode();
        body.putArray("errors").add(entry);
        return HttpResponse.of(builder.build(), com.linecorp.armeria.common.HttpData.ofUtf8(body.toString()));
    }
}
