package berth.s3;

import berth.aws.sigv4.SigV4Verifier;
import berth.iam.RequestFields;
import berth.iam.RequestResources;
import berth.platform.Platform;
import berth.platform.PlatformModule;
import berth.platform.WakeableLoop;
import berth.s3.api.S3Service;
import berth.s3.data.FilesystemObjectData;
import berth.s3.events.EventDelivery;
import berth.s3.state.ObjectChanges;
import berth.s3.state.S3Records;
import berth.sqs.QueueMessages;
import java.time.Duration;
import java.util.List;

/**
 * S3: buckets and object versions in the store (kinds {@code s3.*}), object bytes in data files under
 * {@code home/s3}, served on the endpoint for the requests {@link S3Claim} takes. Loops: event
 * delivery (woken by every event), lifecycle (every {@code BERTH_S3_LIFECYCLE_INTERVAL_SECONDS},
 * default 300, and on every bucket change; {@code POST /_berth/s3/lifecycle} runs it now), and the
 * freeing of dropped data after a minute. Publishes {@link BucketEvents}.
 */
public final class S3Module implements PlatformModule {
    private FilesystemObjectData data;
    private BucketNameCache names;
    private WakeableLoop delivery;
    private WakeableLoop lifecycle;
    private WakeableLoop sweeper;

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public int order() {
        return 110;
    }

    @Override
    public void start(Platform platform) throws Exception {
        data = new FilesystemObjectData(platform.home().resolve("s3"));
        S3Records records = new S3Records(platform.store());
        ObjectChanges changes = new ObjectChanges(records, platform.clock());
        EventDelivery events = new EventDelivery(records, () -> platform.lookup(QueueMessages.class), platform.clock());
        platform.publish(BucketEvents.class, events);
        String endpointHost = platform.endpoint().getHost();
        S3Service service = new S3Service(records, data, changes, platform.credentials(), platform.clock(),
                platform::authorizer, () -> platform.lookup(QueueMessages.class), () -> platform.lookup(BucketEvents.class),
                endpointHost, platform.defaultRegion());
        DataSweeper sweep = new DataSweeper(records, data, platform.clock(), Duration.ofSeconds(60));
        sweep.sweepOrphans();
        names = new BucketNameCache(platform.store(), records);
        platform.lookup(RequestResources.class).ifPresent(table -> registerResources(table, records));
        LifecycleRunner rules = new LifecycleRunner(records, changes, service::abortUpload, platform.clock(), lifecycleInterval());
        delivery = new WakeableLoop("s3-event-delivery", platform.store(), platform.clock(), List.of(S3Records.EVENTS),
                Duration.ofMillis(20), events::pass);
        lifecycle = new WakeableLoop("s3-lifecycle", platform.store(), platform.clock(), List.of(S3Records.BUCKETS),
                Duration.ofSeconds(1), () -> {
                    names.refresh();
                    return rules.pass();
                });
        sweeper = new WakeableLoop("s3-data-sweeper", platform.store(), platform.clock(), List.of(S3Records.FREED),
                Duration.ofSeconds(5), sweep::pass);
        platform.addHttpService(new S3Claim(names::names, endpointHost), service);
        platform.addHttpService("/_berth/s3/", S3AdminEndpoints.of(new SigV4Verifier(platform.credentials(), platform.clock()),
                rules::applyAll));
        delivery.start();
        lifecycle.start();
        sweeper.start();
    }

    /** S3 calls name their bucket (and key) as the resource; the bucket's policy is evaluated beside the caller's. */
    private static void registerResources(RequestResources table, S3Records records) {
        RequestResources.Extractor byBucketAndKey = (request, caller) -> RequestFields.string(request, "Bucket")
                .map(bucket -> RequestFields.string(request, "Key").filter(k -> !k.isEmpty())
                        .map(key -> "arn:aws:s3:::" + bucket + "/" + key).orElse("arn:aws:s3:::" + bucket))
                .map(List::of).orElse(List.of());
        for (String action : List.of("GetObject", "GetObjectVersion", "PutObject", "DeleteObject", "DeleteObjectVersion",
                "GetObjectTagging", "GetObjectTaggingVersion", "PutObjectTagging", "PutObjectTaggingVersion",
                "DeleteObjectTagging", "DeleteObjectTaggingVersion", "AbortMultipartUpload", "ListMultipartUploadParts",
                "GetObjectAcl", "ListBucket", "ListBucketVersions", "ListBucketMultipartUploads", "GetBucketLocation",
                "GetBucketVersioning", "PutBucketVersioning", "GetBucketTagging", "PutBucketTagging", "GetBucketPolicy",
                "PutBucketPolicy", "DeleteBucketPolicy", "GetBucketAcl", "GetLifecycleConfiguration",
                "PutLifecycleConfiguration", "GetBucketCORS", "PutBucketCORS", "GetBucketNotification",
                "PutBucketNotification", "DeleteBucket", "GetBucketOwnershipControls", "GetEncryptionConfiguration")) {
            table.register("s3:" + action, byBucketAndKey);
        }
        table.registerPolicies("arn:aws:s3:::", arn -> {
            String rest = arn.substring("arn:aws:s3:::".length());
            String bucket = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
            return records.bucket(bucket).map(b -> b.value().policy()).filter(p -> !p.isEmpty());
        });
    }

    private static Duration lifecycleInterval() {
        String configured = System.getenv("BERTH_S3_LIFECYCLE_INTERVAL_SECONDS");
        try {
            return Duration.ofSeconds(configured == null ? 300 : Math.max(1, Long.parseLong(configured.strip())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(300);
        }
    }

    @Override
    public void reset() throws Exception {
        if (data != null) data.clear();
    }

    @Override
    public void stop() {
        if (delivery != null) delivery.close();
        if (lifecycle != null) lifecycle.close();
        if (sweeper != null) sweeper.close();
        if (names != null) names.close();
    }
}
