package berth.s3.api;

import berth.s3.core.Bucket;
import berth.s3.core.ObjectVersion;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What an object's stored headers become on a response, and what a request's headers store. */
final class ObjectHeaders {
    static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";
    private static final String[] STORED = {"cache-control", "content-disposition", "content-encoding", "content-language",
            "expires", "x-amz-website-redirect-location"};
    private static final int MAX_METADATA_BYTES = 2048;

    private ObjectHeaders() {}

    /** The user metadata a request sets ({@code x-amz-meta-*}), at most 2 KB of names and values. */
    static Map<String, String> metadata(S3Call call) {
        Map<String, String> out = new TreeMap<>();
        int bytes = 0;
        for (var entry : call.req().headers()) {
            String name = entry.getKey().toString().toLowerCase(Locale.ROOT);
            if (!name.startsWith("x-amz-meta-")) continue;
            String key = name.substring("x-amz-meta-".length());
            String value = entry.getValue();
            out.merge(key, value, (a, b) -> a + "," + b);
            bytes += key.length() + value.length();
        }
        if (bytes > MAX_METADATA_BYTES) {
            throw S3Errors.METADATA_TOO_LARGE.exception("Your metadata headers exceed the maximum allowed metadata size",
                    "Size", Integer.toString(bytes), "MaxSizeAllowed", Integer.toString(MAX_METADATA_BYTES));
        }
        return out;
    }

    /** The representation headers a request stores with the object; {@code aws-chunked} is transfer, not content. */
    static Map<String, String> stored(S3Call call) {
        Map<String, String> out = new TreeMap<>();
        for (String name : STORED) {
            String value = call.header(name);
            if (name.equals("content-encoding")) {
                value = String.join(",", java.util.Arrays.stream(value.split(",")).map(String::strip)
                        .filter(v -> !v.isEmpty() && !v.equalsIgnoreCase("aws-chunked")).toList());
            }
            if (!value.isEmpty()) out.put(name, value);
        }
        return out;
    }

    static String contentType(S3Call call) {
        String type = call.header("content-type");
        return type.isEmpty() ? DEFAULT_CONTENT_TYPE : type;
    }

    /** The storage class a request asks for; classes whose objects need a restore before reading are refused. */
    static String storageClass(S3Call call) {
        String requested = call.header("x-amz-storage-class");
        if (requested.isEmpty()) return "STANDARD";
        return switch (requested) {
            case "STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR" -> requested;
            default -> throw S3Errors.INVALID_STORAGE_CLASS.exception("The storage class you specified is not valid (berth"
                    + " keeps every object immediately readable)", "StorageClassRequested", requested);
        };
    }

    /** Refuses what berth cannot honour: KMS and customer-key encryption, object lock, ACLs. */
    static void refuseUnsupported(S3Call call) {
        String sse = call.header("x-amz-server-side-encryption");
        if (!sse.isEmpty() && !sse.equals("AES256")) {
            throw S3Errors.INVALID_ARGUMENT.exception("berth has no KMS: only AES256 server-side encryption is supported",
                    "ArgumentName", "x-amz-server-side-encryption", "ArgumentValue", sse);
        }
        if (!call.header("x-amz-server-side-encryption-customer-algorithm").isEmpty()) {
            throw S3Errors.INVALID_ARGUMENT.exception("berth does not support customer-provided encryption keys",
                    "ArgumentName", "x-amz-server-side-encryption-customer-algorithm", "ArgumentValue", "");
        }
        if (!call.header("x-amz-object-lock-mode").isEmpty() || !call.header("x-amz-object-lock-legal-hold").isEmpty()) {
            throw S3Errors.INVALID_REQUEST.exception("berth does not support S3 Object Lock.");
        }
        String acl = call.header("x-amz-acl");
        if (!acl.isEmpty() && !acl.equals("private") && !acl.equals("bucket-owner-full-control")) {
            throw S3Errors.INVALID_BUCKET_ACL_WITH_OWNERSHIP.exception("The bucket does not allow ACLs");
        }
    }

    /** The headers every response about a version carries. */
    static void describe(ResponseHeadersBuilder headers, Bucket bucket, ObjectVersion version) {
        headers.add("ETag", version.etag()).add("Last-Modified", S3Responses.HTTP_DATE.format(version.lastModified()))
                .add("Accept-Ranges", "bytes").add("x-amz-server-side-encryption", "AES256");
        if (!bucket.versioning().isEmpty()) headers.add("x-amz-version-id", version.versionId());
        version.metadata().forEach((name, value) -> headers.add("x-amz-meta-" + name, value));
        version.headers().forEach(headers::add);
        if (!version.storageClass().equals("STANDARD") && !version.storageClass().isEmpty()) {
            headers.add("x-amz-storage-class", version.storageClass());
        }
        if (!version.tags().isEmpty()) headers.add("x-amz-tagging-count", Integer.toString(version.tags().size()));
        if (!version.partSizes().isEmpty()) headers.add("x-amz-mp-parts-count", Integer.toString(version.partSizes().size()));
    }
}
