package berth.s3.api;

import berth.platform.RecordTable.Versioned;
import berth.s3.core.Bucket;
import berth.s3.core.Checksums;
import berth.s3.core.EventNames;
import berth.s3.core.Extent;
import berth.s3.core.ObjectVersion;
import berth.s3.core.Part;
import berth.s3.core.Upload;
import berth.s3.data.ObjectData;
import berth.s3.state.ObjectChanges;
import berth.s3.state.S3Records;
import berth.store.Store;
import berth.store.Write;
import com.linecorp.armeria.common.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Multipart uploads: create, upload a part (or copy one from an object's range), list parts, complete
 * (the object is its parts' data files in order: nothing is copied), abort. Parts are at least 5 MiB
 * except the last, numbered 1 to 10,000.
 */
final class MultipartApi {
    static final long MIN_PART_BYTES = 5L * 1024 * 1024;

    private final S3Records records;
    private final BucketApi buckets;
    private final S3Access access;
    private final ObjectData data;
    private final ObjectChanges changes;
    private final ObjectWriteApi writes;
    private final Clock clock;

    MultipartApi(S3Records records, BucketApi buckets, S3Access access, ObjectData data, ObjectChanges changes,
                 ObjectWriteApi writes, Clock clock) {
        this.records = records;
        this.buckets = buckets;
        this.access = access;
        this.data = data;
        this.changes = changes;
        this.writes = writes;
        this.clock = clock;
    }

    HttpResponse create(S3Call call) throws IOException {
        Bucket bucket = buckets.bucket(call).value();
        access.check(call, Optional.of(bucket), "s3:PutObject", call.key());
        ObjectWriteApi.checkKey(call.key());
        ObjectHeaders.refuseUnsupported(call);
        ObjectWriteApi.drain(call);
        String algorithm = call.header("x-amz-checksum-algorithm");
        if (!algorithm.isEmpty() && Checksums.algorithmOf(algorithm).isEmpty()) {
            throw S3Errors.invalidArgument("Checksum algorithm provided is unsupported.", "x-amz-checksum-algorithm", algorithm);
        }
        algorithm = algorithm.isEmpty() ? "" : Checksums.algorithmOf(algorithm).get();
        String type = call.header("x-amz-checksum-type");
        if (!type.isEmpty() && !type.equals("COMPOSITE") && !type.equals("FULL_OBJECT")) {
            throw S3Errors.invalidArgument("Value for x-amz-checksum-type header is invalid.", "x-amz-checksum-type", type);
        }
        if (!type.isEmpty() && algorithm.isEmpty()) {
            throw S3Errors.INVALID_REQUEST.exception("The x-amz-checksum-type header can only be used with the"
                    + " x-amz-checksum-algorithm header.");
        }
        if (type.equals("FULL_OBJECT") && algorithm.startsWith("SHA")) {
            throw S3Errors.INVALID_REQUEST.exception("The FULL_OBJECT checksum type cannot be used with the " + algorithm
                    + " checksum algorithm.");
        }
        if (type.isEmpty() && !algorithm.isEmpty()) type = algorithm.equals("CRC64NVME") ? "FULL_OBJECT" : "COMPOSITE";
        Upload upload = new Upload(bucket.name(), call.key(), HexFormat.of().formatHex(randomBytes()), clock.instant(),
                call.accountId(), ObjectHeaders.contentType(call), ObjectHeaders.metadata(call), ObjectHeaders.stored(call),
                Tags.fromHeader(call.header("x-amz-tagging")), algorithm, type, ObjectHeaders.storageClass(call));
        records.commit(List.of(records.putUpload(upload, Store.ABSENT)));
        Xml xml = Xml.document("InitiateMultipartUploadResult").element("Bucket", bucket.name()).element("Key", call.key())
                .element("UploadId", upload.uploadId());
        var response = S3Responses.xml(call, xml.end("InitiateMultipartUploadResult"));
        if (algorithm.isEmpty()) return response;
        return response.mapHeaders(h -> h.toBuilder().add("x-amz-checksum-algorithm", upload.checksumAlgorithm())
                .add("x-amz-checksum-type", upload.checksumType()).build());
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private Upload upload(S3Call call, Bucket bucket) {
        return records.upload(bucket.name(), call.param("uploadId")).map(Versioned::value)
                .filter(u -> u.key().equals(call.key()))
                .orElseThrow(() -> S3Errors.noSuchUpload(call.param("uploadId")));
    }

    private static int partNumber(S3Call call) {
        try {
            int number = Integer.parseInt(call.param("partNumber"));
            if (number >= 1 && number <= 10_000) return number;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber",
                call.param("partNumber"));
    }

    HttpResponse uploadPart(S3Call call, InputStream body) throws IOException {
        Bucket bucket = buckets.bucket(call).value();
        access.check(call, Optional.of(bucket), "s3:PutObject", call.key());
        int number = partNumber(call);
        Upload upload = upload(call, bucket);
        BodyIntake.Received received = BodyIntake.receive(call, body, data, upload.checksumAlgorithm());
        Map<String, String> checksums = upload.checksumAlgorithm().isEmpty() ? Map.of()
                : Map.of(upload.checksumAlgorithm(), received.checksums().get(upload.checksumAlgorithm()));
        Part part = new Part(upload.uploadId(), number, received.size(), "\"" + received.md5Hex() + "\"", clock.instant(),
                checksums, received.dataId());
        storePart(bucket, upload, part);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ETag", part.etag());
        headers.put("x-amz-server-side-encryption", "AES256");
        checksums.forEach((algorithm, value) -> headers.put(Checksums.headerName(algorithm), value));
        return S3Responses.empty(call, 200, headers);
    }

    /**
     * Saves a part (replacing one of the same number, whose data is freed); the upload must still
     * exist. A part saved just as its upload is aborted is left without an upload, and the sweep of
     * unreferenced data removes it.
     */
    private void storePart(Bucket bucket, Upload upload, Part part) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Optional<Versioned<Upload>> still = records.upload(bucket.name(), upload.uploadId());
            if (still.isEmpty()) {
                data.delete(part.dataId());
                throw S3Errors.noSuchUpload(upload.uploadId());
            }
            Optional<Versioned<Part>> previous = records.part(upload.uploadId(), part.number());
            List<Write> writes = new ArrayList<>();
            writes.add(records.putPart(part, previous.map(Versioned::version).orElse(Store.ABSENT)));
            previous.flatMap(p -> changes.freed(List.of(p.value().dataId()))).ifPresent(writes::add);
            try {
                records.commit(writes);
                return;
            } catch (berth.store.VersionConflict raced) {
                if (attempt > 20) throw raced;
            }
        }
    }

    HttpResponse copyPart(S3Call call) throws IOException {
        Bucket bucket = buckets.bucket(call).value();
        access.check(call, Optional.of(bucket), "s3:PutObject", call.key());
        int number = partNumber(call);
        Upload upload = upload(call, bucket);
        ObjectWriteApi.drain(call);
        ObjectVersion source = writes.copySource(call, ObjectWriteApi.CopySource.parse(call.header("x-amz-copy-source")));
        long first = 0;
        long last = source.size() - 1;
        String range = call.header("x-amz-copy-source-range");
        if (!range.isEmpty()) {
            var m = java.util.regex.Pattern.compile("bytes=(\\d+)-(\\d+)").matcher(range.strip());
            if (!m.matches()) throw S3Errors.invalidArgument("The x-amz-copy-source-range value must be of the form bytes=first-last",
                    "x-amz-copy-source-range", range);
            first = Long.parseLong(m.group(1));
            last = Long.parseLong(m.group(2));
            if (first > last || last >= source.size()) {
                throw S3Errors.INVALID_RANGE.exception("The requested range is not satisfiable");
            }
        }
        long length = source.size() == 0 ? 0 : last - first + 1;
        var md5 = Checksums.md5();
        Checksums.Running checksum = upload.checksumAlgorithm().isEmpty() ? null : Checksums.start(upload.checksumAlgorithm());
        String dataId;
        try (ObjectData.Staging staging = data.stage();
             InputStream in = RangeReader.open(data, source.extents(), first, length)) {
            byte[] buffer = new byte[1 << 20];
            int n;
            while ((n = in.read(buffer)) > 0) {
                md5.update(buffer, 0, n);
                if (checksum != null) checksum.update(buffer, 0, n);
                var bytes = java.nio.ByteBuffer.wrap(buffer, 0, n);
                while (bytes.hasRemaining()) staging.channel().write(bytes);
            }
            dataId = staging.commit();
        }
        Map<String, String> checksums = checksum == null ? Map.of() : Map.of(upload.checksumAlgorithm(), checksum.base64());
        Part part = new Part(upload.uploadId(), number, length, "\"" + HexFormat.of().formatHex(md5.digest()) + "\"",
                clock.instant(), checksums, dataId);
        storePart(bucket, upload, part);
        Xml xml = Xml.document("CopyPartResult").element("ETag", part.etag()).element("LastModified", Xml.time(part.lastModified()));
        checksums.forEach((algorithm, value) -> xml.element("Checksum" + algorithm, value));
        return S3Responses.xml(call, xml.end("CopyPartResult"));
    }

    HttpResponse listParts(S3Call call) {
        Bucket bucket = buckets.bucket(call).value();
        access.check(call, Optional.of(bucket), "s3:ListMultipartUploadParts", call.key());
        Upload upload = upload(call, bucket);
        int marker = call.has("part-number-marker") ? Listings.intParam(call, "part-number-marker", 0, 10_000) : 0;
        int max = call.has("max-parts") ? Listings.intParam(call, "max-parts", 0, 1000) : 1000;
        List<Part> parts = records.parts(upload.uploadId()).stream().map(Versioned::value).filter(p -> p.number() > marker).toList();
        List<Part> page = parts.stream().limit(max).toList();
        boolean truncated = parts.size() > page.size();
        Xml xml = Xml.document("ListPartsResult").element("Bucket", bucket.name()).element("Key", upload.key())
                .element("UploadId", upload.uploadId()).element("PartNumberMarker", marker);
        if (!page.isEmpty()) xml.element("NextPartNumberMarker", page.get(page.size() - 1).number());
        xml.element("MaxParts", max).element("IsTruncated", truncated)
                .open("Initiator").element("ID", BucketApi.ownerId(upload.ownerAccount())).element("DisplayName", upload.ownerAccount())
                .close("Initiator").open("Owner").element("ID", BucketApi.ownerId(upload.ownerAccount()))
                .element("DisplayName", upload.ownerAccount()).close("Owner").element("StorageClass", upload.storageClass());
        if (!upload.checksumAlgorithm().isEmpty()) {
            xml.element("ChecksumAlgorithm", upload.checksumAlgorithm()).element("ChecksumType", upload.checksumType());
        }
        for (Part part : page) {
            xml.open("Part").element("PartNumber", part.number()).element("LastModified", Xml.time(part.lastModified()))
                    .element("ETag", part.etag()).element("Size", part.size());
            part.checksums().forEach((algorithm, value) -> xml.element("Checksum" + algorithm, value));
            xml.close("Part");
        }
        return S3Responses.xml(call, xml.end("ListPartsResult"));
    }

    HttpResponse abort(S3Call call) {
        Bucket bucket = buckets.bucket(call).value();
        access.check(call, Optional.of(bucket), "s3:AbortMultipartUpload", call.key());
        Versioned<Upload> upload = records.upload(bucket.name(), call.param("uploadId")).filter(u -> u.value().key().equals(call.key()))
                .orElseThrow(() -> S3Errors.noSuchUpload(call.param("uploadId")));
        abort(upload);
        return S3Responses.noContent(call);
    }

    /** Removes an upload and its parts, freeing their data (also the lifecycle loop's abort). */
    void abort(Versioned<Upload> upload) {
        List<Write> writes = new ArrayList<>();
        writes.add(records.deleteUpload(upload.value(), upload.version()));
        List<String> freed = new ArrayList<>();
        for (Versioned<Part> part : records.parts(upload.value().uploadId())) {
            writes.add(records.deletePart(part.value(), part.version()));
            freed.add(part.value().dataId());
        }
        changes.freed(freed).ifPresent(writes::add);
        records.commit(writes);
    }

    HttpResponse complete(S3Call call) throws IOException {
        Bucket bucket = buckets.bucket(call).value();
        access.check(call, Optional.of(bucket), "s3:PutObject", call.key());
        Versioned<Upload> found = records.upload(bucket.name(), call.param("uploadId")).filter(u -> u.value().key().equals(call.key()))
                .orElseThrow(() -> S3Errors.noSuchUpload(call.param("uploadId")));
        Upload upload = found.value();
        Element root = Xml.parse(SmallBody.read(call));
        List<Element> requested = Xml.children(root, "Part");
        if (requested.isEmpty()) {
            throw S3Errors.malformedXml();
        }
        Map<Integer, Versioned<Part>> stored = new LinkedHashMap<>();
        records.parts(upload.uploadId()).forEach(p -> stored.put(p.value().number(), p));
        List<Part> chosen = new ArrayList<>();
        int previous = 0;
        for (Element element : requested) {
            int number;
            try {
                number = Integer.parseInt(Xml.text(element, "PartNumber").orElse(""));
            } catch (NumberFormatException e) {
                throw S3Errors.malformedXml();
            }
            if (number <= previous) {
                throw S3Errors.INVALID_PART_ORDER.exception("The list of parts was not in ascending order. The parts list must"
                        + " be specified in order by part number.");
            }
            previous = number;
            Versioned<Part> part = stored.get(number);
            String etag = Xml.text(element, "ETag").orElse("");
            if (part == null || !berth.s3.core.Preconditions.matches(etag, part.value().etag())) {
                throw S3Errors.INVALID_PART.exception("One or more of the specified parts could not be found. The part may not"
                        + " have been uploaded, or the specified entity tag may not match the part's entity tag.",
                        "PartNumber", Integer.toString(number), "ETag", etag);
            }
            for (String algorithm : Checksums.ALGORITHMS) {
                Optional<String> given = Xml.text(element, "Checksum" + algorithm);
                if (given.isPresent() && !given.get().equals(part.value().checksums().get(algorithm))) {
                    throw S3Errors.INVALID_PART.exception("The checksum of part " + number + " does not match the one given.",
                            "PartNumber", Integer.toString(number));
                }
            }
            chosen.add(part.value());
        }
        for (int i = 0; i < chosen.size() - 1; i++) {
            if (chosen.get(i).size() < MIN_PART_BYTES) {
                throw S3Errors.ENTITY_TOO_SMALL.exception("Your proposed upload is smaller than the minimum allowed object size.",
                        "ProposedSize", Long.toString(chosen.get(i).size()), "MinSizeAllowed", Long.toString(MIN_PART_BYTES),
                        "PartNumber", Integer.toString(chosen.get(i).number()));
            }
        }
        long size = chosen.stream().mapToLong(Part::size).sum();
        String etag = "\"" + Checksums.multipartEtag(chosen.stream().map(p -> p.etag().replace("\"", "")).toList()) + "\"";
        Map<String, String> checksums = new LinkedHashMap<>();
        if (!upload.checksumAlgorithm().isEmpty()) {
            checksums.put(upload.checksumAlgorithm(), upload.checksumType().equals("FULL_OBJECT")
                    ? RangeReader.checksum(data, chosen, upload.checksumAlgorithm())
                    : Checksums.composite(upload.checksumAlgorithm(), chosen.stream()
                            .map(p -> p.checksums().get(upload.checksumAlgorithm())).toList()));
            String expected = call.header(Checksums.headerName(upload.checksumAlgorithm()));
            if (!expected.isEmpty() && !expected.equals(checksums.get(upload.checksumAlgorithm()))
                    && !expected.equals(checksums.get(upload.checksumAlgorithm()).replaceAll("-\\d+$", ""))) {
                throw S3Errors.BAD_DIGEST.exception("The " + upload.checksumAlgorithm() + " you specified for the whole object"
                        + " did not match the calculated checksum.");
            }
        }
        ObjectVersion version = new ObjectVersion(ObjectChanges.versionIdFor(bucket), false, size, etag, clock.instant(),
                upload.contentType(), upload.metadata(), upload.headers(), checksums, upload.checksumType(),
                chosen.stream().map(p -> new Extent(p.dataId(), p.size())).toList(),
                chosen.stream().map(Part::size).toList(), upload.tags(), upload.storageClass(), upload.ownerAccount());
        changes.put(bucket, call.key(), version, EventNames.CREATED_MULTIPART, ObjectWriteApi.origin(call),
                ObjectWriteApi.writeCondition(call), () -> finishing(upload, chosen));
        Xml xml = Xml.document("CompleteMultipartUploadResult").element("Location", "/" + bucket.name() + "/" + call.key())
                .element("Bucket", bucket.name()).element("Key", call.key()).element("ETag", etag);
        checksums.forEach((algorithm, value) -> xml.element("Checksum" + algorithm, value));
        if (!upload.checksumType().isEmpty()) xml.element("ChecksumType", upload.checksumType());
        var response = S3Responses.xml(call, xml.end("CompleteMultipartUploadResult"));
        return response.mapHeaders(h -> {
            var builder = h.toBuilder().add("x-amz-server-side-encryption", "AES256");
            if (!bucket.versioning().isEmpty()) builder.add("x-amz-version-id", version.versionId());
            return builder.build();
        });
    }

    /** The writes that end an upload as it completes: its records go, and parts left out free their data. */
    private List<Write> finishing(Upload upload, List<Part> chosen) {
        List<Write> writes = new ArrayList<>();
        Versioned<Upload> current = records.upload(upload.bucket(), upload.uploadId())
                .orElseThrow(() -> S3Errors.noSuchUpload(upload.uploadId()));
        writes.add(records.deleteUpload(current.value(), current.version()));
        List<String> unused = new ArrayList<>();
        for (Versioned<Part> part : records.parts(upload.uploadId())) {
            writes.add(records.deletePart(part.value(), part.version()));
            if (chosen.stream().noneMatch(c -> c.number() == part.value().number() && c.dataId().equals(part.value().dataId()))) {
                unused.add(part.value().dataId());
            }
        }
        changes.freed(unused).ifPresent(writes::add);
        return writes;
    }
}
