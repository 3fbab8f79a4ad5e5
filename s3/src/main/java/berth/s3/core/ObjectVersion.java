package berth.s3.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One version of an object (or a delete marker): its bytes as extents of data files, and what S3
 * returns about it.
 *
 * @param versionId {@code null} (the text) for versions written while versioning was off or suspended
 * @param etag the quoted ETag: the MD5 of the bytes, or of the parts' MD5s with {@code -N} for multipart
 * @param metadata user metadata, names lower case without {@code x-amz-meta-}
 * @param headers stored representation headers: Cache-Control, Content-Disposition, Content-Encoding,
 *     Content-Language, Expires, and the redirect location ({@code x-amz-website-redirect-location})
 * @param checksums algorithm ({@code CRC32}, …) to its base64 value (multipart: {@code value-N})
 * @param checksumType {@code FULL_OBJECT} or {@code COMPOSITE}; empty without a checksum
 * @param partSizes for multipart objects the size of each part, for {@code partNumber} reads; empty otherwise
 */
public record ObjectVersion(String versionId, boolean deleteMarker, long size, String etag, Instant lastModified,
                            String contentType, Map<String, String> metadata, Map<String, String> headers,
                            Map<String, String> checksums, String checksumType, List<Extent> extents, List<Long> partSizes,
                            Map<String, String> tags, String storageClass, String ownerAccount) {
    public static final String NULL_VERSION = "null";

    public ObjectVersion {
        metadata = Map.copyOf(new TreeMap<>(metadata));
        headers = Map.copyOf(new TreeMap<>(headers));
        checksums = Map.copyOf(new TreeMap<>(checksums));
        extents = List.copyOf(extents);
        partSizes = List.copyOf(partSizes);
        tags = Map.copyOf(new TreeMap<>(tags));
    }

    public static ObjectVersion deleteMarker(String versionId, Instant now, String ownerAccount) {
        return new ObjectVersion(versionId, true, 0, "", now, "", Map.of(), Map.of(), Map.of(), "", List.of(), List.of(),
                Map.of(), "", ownerAccount);
    }

    public ObjectVersion withTags(Map<String, String> changed) {
        return new ObjectVersion(versionId, deleteMarker, size, etag, lastModified, contentType, metadata, headers, checksums,
                checksumType, extents, partSizes, changed, storageClass, ownerAccount);
    }

    /** The same bytes as a new version: a copy's new id, time, and (when replaced) metadata and tags. */
    public ObjectVersion copiedAs(String newVersionId, Instant now, List<Extent> newExtents, String newContentType,
                                  Map<String, String> newMetadata, Map<String, String> newHeaders, Map<String, String> newTags,
                                  String newStorageClass, String owner) {
        return new ObjectVersion(newVersionId, false, size, etag, now, newContentType, newMetadata, newHeaders, checksums,
                checksumType, newExtents, partSizes, newTags, newStorageClass, owner);
    }

    public List<String> dataIds() {
        return extents.stream().map(Extent::dataId).toList();
    }
}
