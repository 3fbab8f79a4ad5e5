package berth.registry.blob;

import static org.assertj.core.api.Assertions.assertThat;

import berth.junit5.BerthTest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 adapter of the registry's blob store runs the BlobStore contract against berth's own S3,
 * each test in a bucket of its own; plus its layout in the bucket and a blob large enough to be
 * written as a multipart upload.
 */
@BerthTest(shared = true)
class S3BlobStoreTest extends BlobStoreContract {
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3Client s3;
    private final URI endpoint;
    private String bucket;
    @TempDir
    Path spool;

    S3BlobStoreTest(URI endpoint) {
        this.endpoint = endpoint;
    }

    @BeforeAll
    static void noClientYet() {
        s3 = null;
    }

    @AfterAll
    static void closeClient() {
        if (s3 != null) s3.close();
    }

    private S3Client client() {
        if (s3 == null) {
            s3 = S3Objects.client(endpoint, "us-east-1", StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        }
        return s3;
    }

    @Override
    protected BlobStore freshStore() throws Exception {
        bucket = "blobs-" + BUCKETS.incrementAndGet();
        return new S3BlobStore(client(), bucket, "registry/", spool, clock);
    }

    @Override
    protected BlobStore reopenedStore() throws Exception {
        return new S3BlobStore(client(), bucket, "registry/", spool, clock);
    }

    @Test
    void blobsLiveUnderTheirDigestAndUploadsUnderTheirIdInTheBucket() throws Exception {
        var digest = put(random(1234, 42));
        assertThat(s3.headObject(r -> r.bucket(bucket).key("registry/blobs/sha256/" + digest.hex())).contentLength()).isEqualTo(1234);
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("registry/used/sha256/" + digest.hex())).asUtf8String())
                .isEqualTo(Long.toString(clock.millis()));
        assertThat(s3.listObjectsV2(r -> r.bucket(bucket).prefix("registry/uploads/")).contents()).isEmpty();
    }

    @Test
    void aBlobOverTheMultipartThresholdIsWrittenInPartsAndReadBackWhole() throws Exception {
        BlobStore store = new S3BlobStore(new S3Objects(client(), bucket, "big/", 6L << 20, 5L << 20), spool, clock);
        byte[] content = random(12 * 1024 * 1024 + 17, 11);
        var upload = store.startUpload("owner");
        store.append(upload.id(), 0, new ByteArrayInputStream(content, 0, 7_000_000));
        store.append(upload.id(), 7_000_000, new ByteArrayInputStream(content, 7_000_000, content.length - 7_000_000));
        assertThat(store.complete(upload.id(), sha256(content))).isInstanceOf(BlobStore.Completion.Stored.class);
        String key = "big/blobs/sha256/" + sha256(content).hex();
        String etag = s3.headObject(r -> r.bucket(bucket).key(key)).eTag();
        assertThat(etag).as("three parts of 5 MiB at most").endsWith("-3\"");
        try (InputStream in = store.open(sha256(content)).orElseThrow().open(5_000_000)) {
            byte[] tail = in.readAllBytes();
            assertThat(tail).hasSize(content.length - 5_000_000);
            assertThat(tail[0]).isEqualTo(content[5_000_000]);
        }
    }
}
