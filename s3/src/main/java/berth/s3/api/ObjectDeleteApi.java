package berth.s3.api;

import berth.s3.core.Bucket;
import berth.s3.core.EventNames;
import berth.s3.core.ObjectVersion;
import berth.s3.core.Preconditions;
import berth.s3.state.ObjectChanges;
import berth.s3.state.S3Records;
import com.linecorp.armeria.common.HttpResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/** DeleteObject, DeleteObjects, and object tagging (Get/Put/DeleteObjectTagging). */
final class ObjectDeleteApi {
    private final S3Records records;
    private final BucketApi buckets;
    private final S3Access access;
    private final ObjectChanges changes;

    ObjectDeleteApi(S3Records records, BucketApi buckets, S3Access access, ObjectChanges changes) {
        this.records = records;
        this.buckets = buckets;
        this.access = access;
        this.changes = changes;
    }

    static Optional<String> versionId(S3Call call) {
        Optional<String> id = call.optionalParam("versionId");
        if (id.isPresent() && (id.get().isEmpty() || id.get().length() > 1024)) {
            throw S3Errors.invalidArgument("Invalid version id specified", "versionId", id.get());
        }
        return id;
    }

    HttpResponse delete(S3Call call) {
        Bucket bucket = buckets.bucket(call).value();
        Optional<String> versionId = versionId(call);
        access.check(call, Optional.of(bucket), versionId.isPresent() ? "s3:DeleteObjectVersion" : "s3:DeleteObject", call.key());
        String ifMatch = call.header("if-match");
        if (!ifMatch.isEmpty()) {
            ObjectVersion current = records.object(bucket.name(), call.key()).flatMap(v -> v.value().live())
                    .orElseThrow(() -> S3Errors.noSuchKey(call.key()));
            if (!Preconditions.matches(ifMatch, current.etag())) {
                throw S3Errors.PRECONDITION_FAILED.exception("At least one of the pre-conditions you specified did not hold",
                        "Condition", "If-Match");
            }
        }
        ObjectChanges.Deletion deletion = changes.delete(bucket, call.key(), versionId, ObjectWriteApi.origin(call), false);
        Map<String, String> headers = new LinkedHashMap<>();
        if (deletion.deleteMarker()) headers.put("x-amz-delete-marker", "true");
        if (!deletion.versionId().isEmpty()) headers.put("x-amz-version-id", deletion.versionId());
        return S3Responses.empty(call, 204, headers);
    }

    HttpResponse deleteMany(S3Call call) throws IOException {
        Bucket bucket = buckets.bucket(call).value();
        if (call.header("content-md5").isEmpty() && BodyIntake.declaredChecksums(call).isEmpty()
                && call.header("x-amz-trailer").isEmpty()) {
            throw S3Errors.INVALID_REQUEST.exception("Missing required header for this request: Content-MD5 or a checksum");
        }
        Element root = Xml.parse(SmallBody.read(call));
        boolean quiet = Xml.text(root, "Quiet").map(Boolean::parseBoolean).orElse(false);
        List<Element> objects = Xml.children(root, "Object");
        if (objects.isEmpty() || objects.size() > 1000) throw S3Errors.malformedXml();
        Xml xml = Xml.document("DeleteResult");
        for (Element object : objects) {
            String key = Xml.text(object, "Key").orElseThrow(S3Errors::malformedXml);
            Optional<String> versionId = Xml.text(object, "VersionId");
            try {
                access.check(call, Optional.of(bucket), versionId.isPresent() ? "s3:DeleteObjectVersion" : "s3:DeleteObject", key);
                ObjectChanges.Deletion deletion = changes.delete(bucket, key, versionId, ObjectWriteApi.origin(call), false);
                if (quiet) continue;
                xml.open("Deleted").element("Key", key);
                versionId.ifPresent(v -> xml.element("VersionId", v));
                if (deletion.deleteMarker()) {
                    xml.element("DeleteMarker", true).element("DeleteMarkerVersionId", deletion.versionId());
                }
                xml.close("Deleted");
            } catch (S3Exception refused) {
                xml.open("Error").element("Key", key);
                versionId.ifPresent(v -> xml.element("VersionId", v));
                xml.element("Code", refused.code()).element("Message", refused.getMessage()).close("Error");
            }
        }
        return S3Responses.xml(call, xml.end("DeleteResult"));
    }

    private ObjectVersion taggedVersion(S3Call call, Bucket bucket, String action) {
        Optional<String> versionId = versionId(call);
        access.check(call, Optional.of(bucket), versionId.isPresent() ? action + "Version" : action, call.key());
        return ObjectReadApi.find(records, bucket, call.key(), versionId);
    }

    HttpResponse getTagging(S3Call call) {
        Bucket bucket = buckets.bucket(call).value();
        ObjectVersion version = taggedVersion(call, bucket, "s3:GetObjectTagging");
        var headers = S3Responses.headers(200, call);
        if (!bucket.versioning().isEmpty()) headers.add("x-amz-version-id", version.versionId());
        byte[] body = Tags.document(version.tags());
        return HttpResponse.of(headers.contentType(com.linecorp.armeria.common.MediaType.parse("application/xml"))
                .contentLength(body.length).build(), com.linecorp.armeria.common.HttpData.wrap(body));
    }

    HttpResponse putTagging(S3Call call) throws IOException {
        Bucket bucket = buckets.bucket(call).value();
        ObjectVersion version = taggedVersion(call, bucket, "s3:PutObjectTagging");
        Map<String, String> tags = Tags.parse(SmallBody.read(call), 10);
        changes.replace(bucket, call.key(), version.versionId(), v -> v.withTags(tags), EventNames.TAGGING_PUT,
                ObjectWriteApi.origin(call));
        return S3Responses.empty(call, 200, bucket.versioning().isEmpty() ? Map.of() : Map.of("x-amz-version-id", version.versionId()));
    }

    HttpResponse deleteTagging(S3Call call) {
        Bucket bucket = buckets.bucket(call).value();
        ObjectVersion version = taggedVersion(call, bucket, "s3:DeleteObjectTagging");
        changes.replace(bucket, call.key(), version.versionId(), v -> v.withTags(Map.of()), EventNames.TAGGING_DELETE,
                ObjectWriteApi.origin(call));
        return S3Responses.empty(call, 204, bucket.versioning().isEmpty() ? Map.of() : Map.of("x-amz-version-id", version.versionId()));
    }
}
