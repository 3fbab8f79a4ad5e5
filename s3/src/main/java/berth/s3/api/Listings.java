package berth.s3.api;

import berth.aws.paging.PageToken;
import berth.s3.core.Bucket;
import berth.s3.core.Listing;
import berth.s3.core.ObjectEntry;
import berth.s3.core.ObjectVersion;
import berth.s3.core.Upload;
import berth.s3.state.S3Records;
import com.linecorp.armeria.common.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** ListObjectsV2, ListObjects, ListObjectVersions and ListMultipartUploads over a bucket's keys in S3's order. */
final class Listings {
    private final S3Records records;
    private final BucketApi buckets;

    Listings(S3Records records, BucketApi buckets) {
        this.records = records;
        this.buckets = buckets;
    }

    static int intParam(S3Call call, String name, int min, int max) {
        String text = call.param(name);
        try {
            int value = Integer.parseInt(text);
            if (value < min) throw new NumberFormatException();
            return Math.min(value, max);
        } catch (NumberFormatException e) {
            throw S3Errors.invalidArgument("Provided " + name + " not an integer or within integer range", name, text);
        }
    }

    private static boolean urlEncoded(S3Call call) {
        String encoding = call.param("encoding-type");
        if (!encoding.isEmpty() && !encoding.equals("url")) throw S3Errors.invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", encoding);
        return encoding.equals("url");
    }

    private static String enc(boolean url, String text) {
        return url ? berth.aws.wire.PercentEncoding.encodeKeepingSlashes(text) : text;
    }

    HttpResponse objects(S3Call call) {
        Bucket bucket = buckets.authorized(call, "s3:ListBucket").value();
        boolean v2 = call.param("list-type").equals("2");
        if (call.has("list-type") && !v2) throw S3Errors.invalidArgument("Invalid List Type specified in Request", "list-type", call.param("list-type"));
        boolean url = urlEncoded(call);
        String prefix = call.param("prefix");
        String delimiter = call.param("delimiter");
        int max = call.has("max-keys") ? intParam(call, "max-keys", 0, 1000) : 1000;
        String after;
        if (v2) {
            after = call.optionalParam("continuation-token").map(t -> PageToken.decode(t).orElseThrow(() ->
                    S3Errors.invalidArgument("The continuation token provided is incorrect", "continuation-token", t)))
                    .orElse(call.param("start-after"));
            if (call.has("continuation-token") && call.has("start-after") && call.param("start-after").compareTo(after) > 0) {
                after = call.param("start-after");
            }
        } else {
            after = call.param("marker");
        }
        Map<String, ObjectEntry> entries = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (ObjectEntry entry : records.entries(bucket.name(), prefix)) {
            entries.put(entry.key(), entry);
            keys.add(entry.key());
        }
        Listing.Page<ObjectEntry> page = max == 0 ? new Listing.Page<>(List.of(), List.of(), false, "")
                : Listing.page(keys, k -> Optional.ofNullable(entries.get(k)).filter(e -> e.live().isPresent()), prefix,
                delimiter, after, max);
        String root = "ListBucketResult";
        Xml xml = Xml.document(root).element("Name", bucket.name()).element("Prefix", enc(url, prefix));
        if (v2) {
            call.optionalParam("continuation-token").ifPresent(t -> xml.element("ContinuationToken", t));
            call.optionalParam("start-after").ifPresent(s -> xml.element("StartAfter", enc(url, s)));
            xml.element("KeyCount", page.entries().size() + page.commonPrefixes().size());
        } else {
            xml.element("Marker", enc(url, after));
        }
        xml.element("MaxKeys", max);
        if (!delimiter.isEmpty()) xml.element("Delimiter", enc(url, delimiter));
        if (url) xml.element("EncodingType", "url");
        xml.element("IsTruncated", page.truncated());
        if (page.truncated()) {
            if (v2) xml.element("NextContinuationToken", PageToken.encode(page.lastKey()));
            else if (!delimiter.isEmpty()) xml.element("NextMarker", enc(url, page.lastKey()));
        }
        boolean owner = !v2 || call.param("fetch-owner").equals("true");
        for (ObjectEntry entry : page.entries()) {
            ObjectVersion version = entry.live().orElseThrow();
            xml.open("Contents").element("Key", enc(url, entry.key())).element("LastModified", Xml.time(version.lastModified()))
                    .element("ETag", version.etag()).element("Size", version.size());
            version.checksums().keySet().forEach(a -> xml.element("ChecksumAlgorithm", a));
            if (!version.checksumType().isEmpty()) xml.element("ChecksumType", version.checksumType());
            if (owner) ownerElement(xml, version.ownerAccount());
            xml.element("StorageClass", version.storageClass().isEmpty() ? "STANDARD" : version.storageClass()).close("Contents");
        }
        for (String common : page.commonPrefixes()) xml.open("CommonPrefixes").element("Prefix", enc(url, common)).close("CommonPrefixes");
        return S3Responses.xml(call, xml.end(root));
    }

    private static void ownerElement(Xml xml, String account) {
        xml.open("Owner").element("ID", BucketApi.ownerId(account)).element("DisplayName", account).close("Owner");
    }

    HttpResponse versions(S3Call call) {
        Bucket bucket = buckets.authorized(call, "s3:ListBucketVersions").value();
        boolean url = urlEncoded(call);
        String prefix = call.param("prefix");
        String delimiter = call.param("delimiter");
        int max = call.has("max-keys") ? intParam(call, "max-keys", 0, 1000) : 1000;
        String keyMarker = call.param("key-marker");
        String versionMarker = call.param("version-id-marker");
        if (!versionMarker.isEmpty() && keyMarker.isEmpty()) {
            throw S3Errors.invalidArgument("A version-id marker cannot be specified without a key marker.", "version-id-marker",
                    versionMarker);
        }
        Xml body = Xml.document("ListVersionsResult");
        List<String[]> items = new ArrayList<>();
        int count = 0;
        boolean truncated = false;
        String nextKey = "";
        String nextVersion = "";
        List<String> prefixes = new ArrayList<>();
        StringBuilder entries = new StringBuilder();
        outer:
        for (ObjectEntry entry : records.entries(bucket.name(), prefix)) {
            String key = entry.key();
            if (!keyMarker.isEmpty() && Listing.compare(key, keyMarker) < 0) continue;
            String common = delimiter.isEmpty() ? null : commonPrefix(key, prefix, delimiter);
            if (common != null) {
                if (!keyMarker.isEmpty() && keyMarker.startsWith(common)) continue;
                if (!prefixes.isEmpty() && prefixes.get(prefixes.size() - 1).equals(common)) continue;
                if (count >= max) {
                    truncated = true;
                    break;
                }
                prefixes.add(common);
                nextKey = common;
                nextVersion = "";
                count++;
                continue;
            }
            boolean skipping = key.equals(keyMarker);
            if (skipping && versionMarker.isEmpty()) continue;
            List<ObjectVersion> versions = entry.versions();
            for (int i = 0; i < versions.size(); i++) {
                ObjectVersion v = versions.get(i);
                if (skipping) {
                    if (v.versionId().equals(versionMarker)) skipping = false;
                    continue;
                }
                if (count >= max) {
                    truncated = true;
                    break outer;
                }
                Xml one = Xml.plain(v.deleteMarker() ? "DeleteMarker" : "Version");
                one.element("Key", enc(url, key)).element("VersionId", v.versionId()).element("IsLatest", i == 0)
                        .element("LastModified", Xml.time(v.lastModified()));
                if (!v.deleteMarker()) {
                    one.element("ETag", v.etag()).element("Size", v.size());
                    v.checksums().keySet().forEach(a -> one.element("ChecksumAlgorithm", a));
                    one.element("StorageClass", v.storageClass().isEmpty() ? "STANDARD" : v.storageClass());
                }
                ownerElement(one, v.ownerAccount());
                String text = new String(one.end(v.deleteMarker() ? "DeleteMarker" : "Version"), java.nio.charset.StandardCharsets.UTF_8);
                entries.append(text.substring(text.indexOf('\n') + 1));
                nextKey = key;
                nextVersion = v.versionId();
                count++;
            }
        }
        body.element("Name", bucket.name()).element("Prefix", enc(url, prefix)).element("KeyMarker", enc(url, keyMarker))
                .element("VersionIdMarker", versionMarker);
        if (truncated) {
            body.element("NextKeyMarker", enc(url, nextKey));
            if (!nextVersion.isEmpty()) body.element("NextVersionIdMarker", nextVersion);
        }
        body.element("MaxKeys", max);
        if (!delimiter.isEmpty()) body.element("Delimiter", enc(url, delimiter));
        if (url) body.element("EncodingType", "url");
        body.element("IsTruncated", truncated).raw(entries.toString());
        for (String common : prefixes) body.open("CommonPrefixes").element("Prefix", enc(url, common)).close("CommonPrefixes");
        items.clear();
        return S3Responses.xml(call, body.end("ListVersionsResult"));
    }

    private static String commonPrefix(String key, String prefix, String delimiter) {
        int at = key.indexOf(delimiter, prefix.length());
        return at < 0 ? null : key.substring(0, at + delimiter.length());
    }

    HttpResponse uploads(S3Call call) {
        Bucket bucket = buckets.authorized(call, "s3:ListBucketMultipartUploads").value();
        boolean url = urlEncoded(call);
        String prefix = call.param("prefix");
        String delimiter = call.param("delimiter");
        int max = call.has("max-uploads") ? intParam(call, "max-uploads", 0, 1000) : 1000;
        String keyMarker = call.param("key-marker");
        String uploadMarker = call.param("upload-id-marker");
        List<Upload> uploads = records.uploads(bucket.name()).stream().filter(u -> u.key().startsWith(prefix))
                .sorted(Comparator.comparing(Upload::key, Listing::compare).thenComparing(Upload::initiated)).toList();
        Xml xml = Xml.document("ListMultipartUploadsResult").element("Bucket", bucket.name())
                .element("KeyMarker", enc(url, keyMarker)).element("UploadIdMarker", uploadMarker);
        List<Upload> page = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        boolean truncated = false;
        boolean pastMarker = uploadMarker.isEmpty();
        for (Upload upload : uploads) {
            int order = keyMarker.isEmpty() ? 1 : Listing.compare(upload.key(), keyMarker);
            if (order < 0 || (order == 0 && uploadMarker.isEmpty())) continue;
            if (order == 0 && !pastMarker) {
                if (upload.uploadId().equals(uploadMarker)) pastMarker = true;
                continue;
            }
            String common = delimiter.isEmpty() ? null : commonPrefix(upload.key(), prefix, delimiter);
            if (common != null && prefixes.contains(common)) continue;
            if (page.size() + prefixes.size() >= max) {
                truncated = true;
                break;
            }
            if (common != null) prefixes.add(common);
            else page.add(upload);
        }
        if (truncated && !page.isEmpty()) {
            Upload last = page.get(page.size() - 1);
            xml.element("NextKeyMarker", enc(url, last.key())).element("NextUploadIdMarker", last.uploadId());
        }
        if (!prefix.isEmpty()) xml.element("Prefix", enc(url, prefix));
        if (!delimiter.isEmpty()) xml.element("Delimiter", enc(url, delimiter));
        if (url) xml.element("EncodingType", "url");
        xml.element("MaxUploads", max).element("IsTruncated", truncated);
        for (Upload upload : page) {
            xml.open("Upload").element("Key", enc(url, upload.key())).element("UploadId", upload.uploadId())
                    .open("Initiator").element("ID", BucketApi.ownerId(upload.ownerAccount()))
                    .element("DisplayName", upload.ownerAccount()).close("Initiator");
            ownerElement(xml, upload.ownerAccount());
            xml.element("StorageClass", upload.storageClass()).element("Initiated", Xml.time(upload.initiated()));
            if (!upload.checksumAlgorithm().isEmpty()) xml.element("ChecksumAlgorithm", upload.checksumAlgorithm());
            xml.close("Upload");
        }
        for (String common : prefixes) xml.open("CommonPrefixes").element("Prefix", enc(url, common)).close("CommonPrefixes");
        return S3Responses.xml(call, xml.end("ListMultipartUploadsResult"));
    }
}
