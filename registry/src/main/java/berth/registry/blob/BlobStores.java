package berth.registry.blob;

import berth.aws.SigningKey;
import berth.platform.Platform;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The registry's blob store as configured: files under {@code <home>/registry} by default, or an S3
 * bucket when {@code BERTH_REGISTRY_S3_BUCKET} names one. The bucket lives on
 * {@code BERTH_REGISTRY_S3_ENDPOINT} (default: berth's own S3 on its endpoint), under the key prefix
 * {@code BERTH_REGISTRY_S3_PREFIX} (default none), in {@code BERTH_REGISTRY_S3_REGION} (default
 * berth's region), signed with {@code BERTH_REGISTRY_S3_ACCESS_KEY_ID} and
 * {@code BERTH_REGISTRY_S3_SECRET_ACCESS_KEY}; without them, as the default account's root on
 * berth's own S3, or with the AWS SDK's default credentials elsewhere. It is created on first use.
 */
public final class BlobStores {
    private static final Logger LOG = LoggerFactory.getLogger(BlobStores.class);

    private BlobStores() {}

    public static BlobStore open(Platform platform, Path home) throws IOException {
        Optional<String> bucket = setting("BERTH_REGISTRY_S3_BUCKET");
        if (bucket.isEmpty()) return new FilesystemBlobStore(home, platform.clock());
        Optional<String> endpoint = setting("BERTH_REGISTRY_S3_ENDPOINT");
        URI target = endpoint.map(URI::create).orElse(platform.endpoint());
        String region = setting("BERTH_REGISTRY_S3_REGION").orElse(platform.defaultRegion());
        String prefix = setting("BERTH_REGISTRY_S3_PREFIX").orElse("");
        AwsCredentialsProvider credentials = credentials(platform, endpoint.isEmpty());
        LOG.info("registry blobs in s3://{}/{} on {}", bucket.get(), prefix, target);
        return new S3BlobStore(S3Objects.client(target, region, credentials), bucket.get(), prefix,
                home.resolve("s3-spool"), platform.clock());
    }

    private static AwsCredentialsProvider credentials(Platform platform, boolean ownEndpoint) {
        Optional<String> key = setting("BERTH_REGISTRY_S3_ACCESS_KEY_ID");
        Optional<String> secret = setting("BERTH_REGISTRY_S3_SECRET_ACCESS_KEY");
        if (key.isPresent() && secret.isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(key.get(), secret.get()));
        }
        if (ownEndpoint) {
            SigningKey root = platform.credentials().find(platform.defaultAccountId())
                    .orElseThrow(() -> new IllegalStateException("no root key for account " + platform.defaultAccountId()));
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(root.accessKeyId(), root.secretAccessKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static Optional<String> setting(String name) {
        return Optional.ofNullable(System.getenv(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
