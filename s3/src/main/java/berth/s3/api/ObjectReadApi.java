package berth.s3.api;

import berth.s3.core.Bucket;
import berth.s3.core.ByteRange;
import berth.s3.core.ObjectEntry;
import berth.s3.core.ObjectVersion;
import berth.s3.core.Preconditions;
import berth.s3.data.ObjectData;
import berth.s3.state.S3Records;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import java.io.IOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/** GetObject and HeadObject: versions, delete markers, conditional reads, ranges, part numbers, checksums. */
final class ObjectReadApi {
    private static final Map<String, String> OVERRIDES = Map.of("response-content-type", "Content-Type",
            "response-content-language", "Content-Language", "response-expires", "Expires",
            "response-cache-control", "Cache-Control", "response-content-disposition", "Content-Disposition",
            "response-content-encoding", "Content-Encoding");

    private final S3Records records;
    private final BucketApi buckets;
    private final S3Access access;
    private final ObjectData data;

    ObjectReadApi(S3Records records, BucketApi buckets, S3Access access, ObjectData data) {
        this.records = records;
        this.buckets = buckets;
        this.access = access;
        this.data = data;
    }

    /** The version a read names: the current one, or {@code versionId}; S3's errors for markers and absences. */
    static ObjectVersion find(S3Records records, Bucket bucket, String key, Optional<String> versionId) {
        Optional<ObjectEntry> entry = records.object(bucket.name(), key).map(v -> v.value());
        if (versionId.isPresent()) {
            ObjectVersion version = entry.flatMap(e -> e.version(versionId.get())).orElseThrow(() ->
                    S3Errors.NO_SUCH_VERSION.exception("The specified version does not exist.", "Key", key, "VersionId",
                            versionId.get()));
            if (version.deleteMarker()) {
                throw S3Errors.METHOD_NOT_ALLOWED.exception("The specified method is not allowed against this resource.",
                        "Method", "GET", "ResourceType", "DeleteMarker", "header:x-amz-delete-marker", "true",
                        "header:Allow", "DELETE", "header:x-amz-version-id", version.versionId());
            }
            return version;
        }
        ObjectVersion current = entry.flatMap(ObjectEntry::current).orElseThrow(() -> S3Errors.noSuchKey(key));
        if (current.deleteMarker()) {
            throw S3Errors.NO_SUCH_KEY.exception("The specified key does not exist.", "Key", key, "DeleteMarker", "true",
                    "header:x-amz-delete-marker", "true", "header:x-amz-version-id", current.versionId());
        }
        return current;
    }

    static Preconditions preconditions(S3Call call, String prefix) {
        return new Preconditions(call.header(prefix + "if-match"), call.header(prefix + "if-none-match"),
                date(call.header(prefix + "if-modified-since")), date(call.header(prefix + "if-unmodified-since")));
    }

    private static Optional<Instant> date(String text) {
        if (text.isEmpty()) return Optional.empty();
        try {
            return Optional.of(ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    HttpResponse read(S3Call call, boolean head) throws IOException {
        Bucket bucket = buckets.bucket(call).value();
        Optional<String> versionId = call.optionalParam("versionId");
        access.check(call, Optional.of(bucket), versionId.isPresent() ? "s3:GetObjectVersion" : "s3:GetObject", call.key());
        ObjectVersion version = find(records, bucket, call.key(), versionId);
        switch (preconditions(call, "").decide(version.etag(), version.lastModified())) {
            case NOT_MODIFIED -> {
                ResponseHeadersBuilder headers = S3Responses.headers(304, call);
                headers.add("ETag", version.etag()).add("Last-Modified", S3Responses.HTTP_DATE.format(version.lastModified()));
                return HttpResponse.of(headers.build());
            }
            case PRECONDITION_FAILED -> throw S3Errors.PRECONDITION_FAILED.exception("At least one of the pre-conditions you"
                    + " specified did not hold", "Condition", "If-Match");
            case PROCEED -> { }
        }
        long size = version.size();
        ByteRange range = null;
        if (call.has("partNumber")) {
            range = partRange(call, version);
        } else {
            switch (ByteRange.parse(call.header("range"), size)) {
                case ByteRange.Part part -> range = part.range();
                case ByteRange.Unsatisfiable unsatisfiable -> throw S3Errors.INVALID_RANGE.exception(
                        "The requested range is not satisfiable", "RangeRequested", call.header("range"),
                        "ActualObjectSize", Long.toString(size), "header:Content-Range", "bytes */" + size);
                case ByteRange.Whole whole -> { }
            }
        }
        ResponseHeadersBuilder headers = S3Responses.headers(range == null || (call.has("partNumber")
                && version.partSizes().isEmpty()) ? 200 : 206, call);
        ObjectHeaders.describe(headers, bucket, version);
        headers.contentType(com.linecorp.armeria.common.MediaType.parse(version.contentType().isEmpty()
                ? ObjectHeaders.DEFAULT_CONTENT_TYPE : version.contentType()));
        if (call.caller().isPresent()) {
            OVERRIDES.forEach((param, header) -> call.optionalParam(param).ifPresent(value -> {
                if (header.equals("Content-Type")) headers.contentType(com.linecorp.armeria.common.MediaType.parse(value));
                else headers.set(header, value);
            }));
        }
        if (call.header("x-amz-checksum-mode").equalsIgnoreCase("ENABLED") && (range == null || call.has("partNumber"))) {
            version.checksums().forEach((algorithm, value) -> headers.add(berth.s3.core.Checksums.headerName(algorithm), value));
            if (!version.checksumType().isEmpty()) headers.add("x-amz-checksum-type", version.checksumType());
        }
        long first = range == null ? 0 : range.first();
        long length = range == null ? size : range.length();
        if (range != null && headers.status().code() == 206) headers.add("Content-Range", range.contentRange(size));
        headers.contentLength(length);
        if (head || length == 0) return HttpResponse.of(headers.build());
        return HttpResponse.of(headers.build(), ObjectBody.of(data, version.extents(), first, length, call.ctx().blockingTaskExecutor()));
    }

    private static ByteRange partRange(S3Call call, ObjectVersion version) {
        int number;
        try {
            number = Integer.parseInt(call.param("partNumber"));
        } catch (NumberFormatException e) {
            number = 0;
        }
        if (number < 1 || number > 10_000) {
            throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber",
                    call.param("partNumber"));
        }
        if (version.partSizes().isEmpty()) {
            if (number != 1) throw S3Errors.INVALID_RANGE.exception("The requested partnumber is not satisfiable");
            return version.size() == 0 ? null : new ByteRange(0, version.size() - 1);
        }
        if (number > version.partSizes().size()) throw S3Errors.INVALID_RANGE.exception("The requested partnumber is not satisfiable");
        long start = 0;
        for (int i = 0; i < number - 1; i++) start += version.partSizes().get(i);
        long partSize = version.partSizes().get(number - 1);
        return partSize == 0 ? null : new ByteRange(start, start + partSize - 1);
    }
}
