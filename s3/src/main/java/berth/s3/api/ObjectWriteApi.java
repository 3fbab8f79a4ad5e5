package berth.s3.api;

import berth.s3.core.Bucket;
import berth.s3.core.Checksums;
import berth.s3.core.EventNames;
import berth.s3.core.Extent;
import berth.s3.core.ObjectVersion;
import berth.s3.core.Preconditions;
import berth.s3.data.ObjectData;
import berth.s3.state.ObjectChanges;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** PutObject and CopyObject: a new version from a streamed body or from another version's data. */
final class ObjectWriteApi {
    static final int MAX_KEY_BYTES = 1024;

    private final BucketApi buckets;
    private final S3Access access;
    private final ObjectData data;
    private final ObjectChanges changes;
    private final berth.s3.state.S3Records records;
    private final Clock clock;

    ObjectWriteApi(BucketApi buckets, S3Access access, ObjectData data, ObjectChanges changes,
                   berth.s3.state.S3Records records, Clock clock) {
        this.buckets = buckets;
        this.access = access;
        this.data = data;
        this.changes = changes;
        this.records = records;
        this.clock = clock;
    }

    static void checkKey(String key) {
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw S3Errors.KEY_TOO_LONG.exception("Your key is too long", "MaxSizeAllowed", "1024");
        }
    }

    /** The checks of a conditional write (If-None-Match: *, If-Match) against the current version. */
    static java.util.function.Consumer<Optional<ObjectVersion>> writeCondition(S3Call call) {
        String ifNoneMatch = call.header("if-none-match");
        String ifMatch = call.header("if-match");
        if (!ifNoneMatch.isEmpty() && !ifNoneMatch.strip().equals("*")) {
            throw S3Errors.NOT_IMPLEMENTED.exception("A header you provided implies functionality that is not implemented",
                    "Header", "If-None-Match");
        }
        return current -> {
            if (!ifNoneMatch.isEmpty() && current.isPresent()) {
                throw S3Errors.PRECONDITION_FAILED.exception("At least one of the pre-conditions you specified did not hold",
                        "Condition", "If-None-Match");
            }
            if (!ifMatch.isEmpty()) {
                if (current.isEmpty()) throw S3Errors.noSuchKey(call.key());
                if (!Preconditions.matches(ifMatch, current.get().etag())) {
                    throw S3Errors.PRECONDITION_FAILED.exception("At least one of the pre-conditions you specified did not"
                            + " hold", "Condition", "If-Match");
                }
            }
        };
    }

    HttpResponse put(S3Call call, InputStream body) throws IOException {
        Bucket bucket = buckets.bucket(call).value();
        access.check(call, Optional.of(bucket), "s3:PutObject", call.key());
        checkKey(call.key());
        ObjectHeaders.refuseUnsupported(call);
        var metadata = ObjectHeaders.metadata(call);
        var stored = ObjectHeaders.stored(call);
        var tags = Tags.fromHeader(call.header("x-amz-tagging"));
        String storageClass = ObjectHeaders.storageClass(call);
        var condition = writeCondition(call);
        BodyIntake.Received received = BodyIntake.receive(call, body, data, "");
        String checksumAlgorithm = received.checksums().isEmpty() ? "" : received.checksums().keySet().iterator().next();
        Map<String, String> checksums = checksumAlgorithm.isEmpty() ? Map.of()
                : Map.of(checksumAlgorithm, received.checksums().get(checksumAlgorithm));
        ObjectVersion version = new ObjectVersion(ObjectChanges.versionIdFor(bucket), false, received.size(),
                "\"" + received.md5Hex() + "\"", clock.instant(), ObjectHeaders.contentType(call), metadata, stored, checksums,
                checksums.isEmpty() ? "" : "FULL_OBJECT", List.of(new Extent(received.dataId(), received.size())), List.of(),
                tags, storageClass, call.accountId());
        try {
            changes.put(bucket, call.key(), version, EventNames.CREATED_PUT, origin(call), condition, List::of);
        } catch (RuntimeException refused) {
            data.delete(received.dataId());
            throw refused;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ETag", version.etag());
        headers.put("x-amz-server-side-encryption", "AES256");
        if (!bucket.versioning().isEmpty()) headers.put("x-amz-version-id", version.versionId());
        checksums.forEach((algorithm, value) -> headers.put(Checksums.headerName(algorithm), value));
        if (!checksums.isEmpty()) headers.put("x-amz-checksum-type", "FULL_OBJECT");
        return S3Responses.empty(call, 200, headers);
    }

    static ObjectChanges.Origin origin(S3Call call) {
        return new ObjectChanges.Origin(call.principalId(), call.requestId(), call.sourceIp());
    }

    /** A copy source: {@code [/]bucket/key[?versionId=…]}, URL-encoded. */
    record CopySource(String bucket, String key, Optional<String> versionId) {
        static CopySource parse(String header) {
            String text = header.startsWith("/") ? header.substring(1) : header;
            Optional<String> versionId = Optional.empty();
            int question = text.indexOf('?');
            if (question >= 0) {
                String query = text.substring(question + 1);
                text = text.substring(0, question);
                for (var pair : berth.aws.wire.PercentEncoding.parsePairs(query, false)) {
                    if (pair.getKey().equals("versionId")) versionId = Optional.of(pair.getValue());
                }
            }
            String decoded = berth.aws.wire.PercentEncoding.decode(text, false);
            int slash = decoded.indexOf('/');
            if (slash <= 0 || slash == decoded.length() - 1) {
                throw S3Errors.invalidArgument("Invalid copy source object key", "x-amz-copy-source", header);
            }
            return new CopySource(decoded.substring(0, slash), decoded.substring(slash + 1), versionId);
        }
    }

    /** The version a copy reads, after the caller's read access and the copy-source conditions are checked. */
    ObjectVersion copySource(S3Call call, CopySource source) {
        Bucket from = records.bucket(source.bucket()).map(v -> v.value()).orElseThrow(() -> S3Errors.noSuchBucket(source.bucket()));
        access.check(call, Optional.of(from), source.versionId().isPresent() ? "s3:GetObjectVersion" : "s3:GetObject",
                source.key());
        ObjectVersion version = ObjectReadApi.find(records, from, source.key(), source.versionId());
        if (ObjectReadApi.preconditions(call, "x-amz-copy-source-").decide(version.etag(), version.lastModified())
                != Preconditions.Outcome.PROCEED) {
            throw S3Errors.PRECONDITION_FAILED.exception("At least one of the pre-conditions you specified did not hold",
                    "Condition", "x-amz-copy-source-If-Match");
        }
        return version;
    }

    HttpResponse copy(S3Call call) throws IOException {
        Bucket bucket = buckets.bucket(call).value();
        access.check(call, Optional.of(bucket), "s3:PutObject", call.key());
        checkKey(call.key());
        ObjectHeaders.refuseUnsupported(call);
        drain(call);
        CopySource source = CopySource.parse(call.header("x-amz-copy-source"));
        ObjectVersion from = copySource(call, source);
        if (from.size() > BodyIntake.MAX_OBJECT_BYTES) {
            throw S3Errors.INVALID_REQUEST.exception("The specified copy source is larger than the maximum allowable size for a"
                    + " copy source: " + BodyIntake.MAX_OBJECT_BYTES);
        }
        boolean replaceMetadata = directive(call, "x-amz-metadata-directive");
        boolean replaceTags = directive(call, "x-amz-tagging-directive");
        boolean sameObject = source.bucket().equals(bucket.name()) && source.key().equals(call.key());
        if (sameObject && !replaceMetadata && call.header("x-amz-storage-class").isEmpty()
                && call.header("x-amz-website-redirect-location").isEmpty() && call.header("x-amz-server-side-encryption").isEmpty()) {
            throw S3Errors.INVALID_REQUEST.exception("This copy request is illegal because it is trying to copy an object to"
                    + " itself without changing the object's metadata, storage class, website redirect location or"
                    + " encryption attributes.");
        }
        List<Extent> extents = new ArrayList<>();
        for (Extent extent : from.extents()) extents.add(new Extent(data.duplicate(extent.dataId()), extent.length()));
        ObjectVersion copied = from.copiedAs(ObjectChanges.versionIdFor(bucket), clock.instant(), extents,
                replaceMetadata ? ObjectHeaders.contentType(call) : from.contentType(),
                replaceMetadata ? ObjectHeaders.metadata(call) : from.metadata(),
                replaceMetadata ? ObjectHeaders.stored(call) : from.headers(),
                replaceTags ? Tags.fromHeader(call.header("x-amz-tagging")) : from.tags(),
                call.header("x-amz-storage-class").isEmpty() ? from.storageClass() : ObjectHeaders.storageClass(call),
                call.accountId());
        try {
            changes.put(bucket, call.key(), copied, EventNames.CREATED_COPY, origin(call), writeCondition(call), List::of);
        } catch (RuntimeException refused) {
            for (Extent extent : extents) data.delete(extent.dataId());
            throw refused;
        }
        Xml xml = Xml.document("CopyObjectResult").element("ETag", copied.etag())
                .element("LastModified", Xml.time(copied.lastModified()));
        copied.checksums().forEach((algorithm, value) -> xml.element("Checksum" + algorithm, value));
        byte[] body = xml.end("CopyObjectResult");
        var headers = S3Responses.headers(200, call).contentType(com.linecorp.armeria.common.MediaType.parse("application/xml"))
                .add("x-amz-server-side-encryption", "AES256");
        if (!bucket.versioning().isEmpty()) headers.add("x-amz-version-id", copied.versionId());
        if (!from.versionId().equals(ObjectVersion.NULL_VERSION)) headers.add("x-amz-copy-source-version-id", from.versionId());
        return HttpResponse.of(headers.contentLength(body.length).build(), HttpData.wrap(body));
    }

    private static boolean directive(S3Call call, String header) {
        String value = call.header(header);
        if (value.isEmpty() || value.equals("COPY")) return false;
        if (value.equals("REPLACE")) return true;
        throw S3Errors.invalidArgument("Unknown " + header, header, value);
    }

    /** Reads and drops a body a request should not have (a copy's), so the connection stays usable. */
    static void drain(S3Call call) throws IOException {
        try (InputStream in = call.req().toInputStream(o -> o instanceof HttpData d ? d : HttpData.empty())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
