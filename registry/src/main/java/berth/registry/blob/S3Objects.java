package berth.registry.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The few S3 calls {@link S3BlobStore} makes, on keys relative to its prefix in its bucket, which is
 * created on first use (berth's own S3 may start after the registry). Objects over
 * {@link #MULTIPART_ABOVE} are written as multipart uploads of {@link #PART_BYTES}, so blobs larger than
 * a single PUT allows still store.
 */
final class S3Objects {
    static final long MULTIPART_ABOVE = 512L << 20;
    static final long PART_BYTES = 128L << 20;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final long multipartAbove;
    private final long partBytes;
    private volatile boolean bucketReady;

    S3Objects(S3Client s3, String bucket, String prefix) {
        this(s3, bucket, prefix, MULTIPART_ABOVE, PART_BYTES);
    }

    S3Objects(S3Client s3, String bucket, String prefix, long multipartAbove, long partBytes) {
        this.s3 = s3;
        this.multipartAbove = multipartAbove;
        this.partBytes = partBytes;
        this.bucket = bucket;
        this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }

    /** A client for {@code endpoint} with path-style addressing, which every S3-compatible server accepts. */
    static S3Client client(URI endpoint, String region, AwsCredentialsProvider credentials) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.of(region)).forcePathStyle(true)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private void ensureBucket() {
        if (bucketReady) return;
        synchronized (this) {
            if (bucketReady) return;
            try {
                s3.headBucket(r -> r.bucket(bucket));
            } catch (S3Exception e) {
                if (e.statusCode() != 404) throw e;
                try {
                    s3.createBucket(r -> r.bucket(bucket));
                } catch (S3Exception raced) {
                    if (raced.statusCode() != 409) throw raced;
                }
            }
            bucketReady = true;
        }
    }

    String relative(String key) {
        return key.substring(prefix.length());
    }

    Optional<Long> size(String key) {
        ensureBucket();
        try {
            return Optional.of(s3.headObject(r -> r.bucket(bucket).key(prefix + key)).contentLength());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return Optional.empty();
            throw e;
        }
    }

    Optional<String> text(String key) {
        ensureBucket();
        try {
            return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(prefix + key)).asString(StandardCharsets.UTF_8));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return Optional.empty();
            throw e;
        }
    }

    InputStream read(String key, long offset) throws IOException {
        ensureBucket();
        try {
            return s3.getObject(r -> r.bucket(bucket).key(prefix + key).range(offset > 0 ? "bytes=" + offset + "-" : null));
        } catch (S3Exception e) {
            throw new IOException("reading " + key + ": " + e.getMessage(), e);
        }
    }

    void put(String key, String text) {
        ensureBucket();
        s3.putObject(r -> r.bucket(bucket).key(prefix + key), RequestBody.fromString(text, StandardCharsets.UTF_8));
    }

    void put(String key, Path file) throws IOException {
        ensureBucket();
        long size = Files.size(file);
        try {
            if (size <= multipartAbove) {
                s3.putObject(r -> r.bucket(bucket).key(prefix + key), RequestBody.fromFile(file));
                return;
            }
            String upload = s3.createMultipartUpload(r -> r.bucket(bucket).key(prefix + key)).uploadId();
            try {
                List<CompletedPart> parts = new ArrayList<>();
                for (long offset = 0; offset < size; offset += partBytes) {
                    int number = parts.size() + 1;
                    long length = Math.min(partBytes, size - offset);
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                        channel.position(offset);
                        InputStream in = new BoundedStream(Channels.newInputStream(channel), length);
                        String etag = s3.uploadPart(r -> r.bucket(bucket).key(prefix + key).uploadId(upload).partNumber(number)
                                .contentLength(length), RequestBody.fromInputStream(in, length)).eTag();
                        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                    }
                }
                s3.completeMultipartUpload(r -> r.bucket(bucket).key(prefix + key).uploadId(upload).multipartUpload(m -> m.parts(parts)));
            } catch (IOException | RuntimeException e) {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(prefix + key).uploadId(upload));
                throw e;
            }
        } catch (S3Exception e) {
            throw new IOException("writing " + key + ": " + e.getMessage(), e);
        }
    }

    void delete(String key) {
        ensureBucket();
        s3.deleteObject(r -> r.bucket(bucket).key(prefix + key));
    }

    /** Every object whose relative key starts with {@code relativePrefix}, in key order. */
    List<S3Object> list(String relativePrefix) {
        ensureBucket();
        List<S3Object> out = new ArrayList<>();
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix + relativePrefix);
        ListObjectsV2Response page;
        do {
            page = s3.listObjectsV2(request.build());
            out.addAll(page.contents());
            request.continuationToken(page.nextContinuationToken());
        } while (Boolean.TRUE.equals(page.isTruncated()));
        return out;
    }

    /** The names of the folders directly under {@code relativePrefix} (which ends in {@code /}). */
    List<String> folders(String relativePrefix) {
        ensureBucket();
        List<String> out = new ArrayList<>();
        String full = prefix + relativePrefix;
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(full).delimiter("/");
        ListObjectsV2Response page;
        do {
            page = s3.listObjectsV2(request.build());
            page.commonPrefixes().forEach(p -> out.add(p.prefix().substring(full.length(), p.prefix().length() - 1)));
            request.continuationToken(page.nextContinuationToken());
        } while (Boolean.TRUE.equals(page.isTruncated()));
        return out;
    }

    /** Deletes every object under {@code relativePrefix}, a thousand per request. */
    void deleteAll(String relativePrefix) {
        List<S3Object> doomed = list(relativePrefix);
        for (int from = 0; from < doomed.size(); from += 1000) {
            List<ObjectIdentifier> batch = doomed.subList(from, Math.min(doomed.size(), from + 1000)).stream()
                    .map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList();
            var result = s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
            if (!result.errors().isEmpty()) {
                throw new UncheckedIOException(new IOException("deleting " + result.errors().get(0).key() + ": "
                        + result.errors().get(0).code()));
            }
        }
    }

    /** At most {@code limit} bytes of a stream, leaving the stream open. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) return -1;
            int b = in.read();
            if (b >= 0) left--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) return -1;
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) left -= n;
            return n;
        }
    }
}
