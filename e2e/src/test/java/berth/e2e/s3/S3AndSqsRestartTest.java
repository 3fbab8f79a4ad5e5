package berth.e2e.s3;

import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.BerthProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.security.MessageDigest;
import java.util.HexFormat;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * S3 objects (versions, a completed multipart upload, an upload still open) and SQS messages
 * (visible, in flight under a visibility timeout, FIFO deduplication ids) survive SIGKILL: everything
 * acknowledged before the kill is there after the restart, in the state it was in. The registry runs
 * with its blobs in berth's own S3 here, so a layer pushed through ECR is an object in that bucket.
 */
class S3AndSqsRestartTest {
    private static EcrClient ecr(BerthProcess berth) {
        return EcrClient.builder().endpointOverride(berth.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(S3Clients.credentials("test", "test")).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static String layerDigest(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @TempDir
    Path home;

    @Test
    void acknowledgedObjectsAndMessagesSurviveKillNine() throws Exception {
        byte[] part1 = new byte[5 * 1024 * 1024];
        new Random(1).nextBytes(part1);
        byte[] part2 = "the last part".getBytes(StandardCharsets.UTF_8);
        try (BerthProcess berth = BerthProcess.start(home,
                Map.of("BERTH_LOCAL_AGENT", "0", "BERTH_REGISTRY_S3_BUCKET", "registry-blobs", "BERTH_REGISTRY_S3_PREFIX", "ecr/"))) {
            String inFlightHandle;
            String openUpload;
            try (S3Client s3 = S3Clients.s3(berth.endpoint()); SqsClient sqs = S3Clients.sqs(berth.endpoint())) {
                s3.createBucket(r -> r.bucket("kept"));
                s3.putBucketVersioning(r -> r.bucket("kept").versioningConfiguration(v -> v.status("Enabled")));
                s3.putObject(r -> r.bucket("kept").key("doc.txt").metadata(Map.of("owner", "ops")), RequestBody.fromString("first"));
                s3.putObject(r -> r.bucket("kept").key("doc.txt"), RequestBody.fromString("second"));
                s3.putObject(r -> r.bucket("kept").key("gone.txt"), RequestBody.fromString("deleted"));
                s3.deleteObject(r -> r.bucket("kept").key("gone.txt"));
                String upload = s3.createMultipartUpload(r -> r.bucket("kept").key("big.bin")).uploadId();
                String e1 = s3.uploadPart(r -> r.bucket("kept").key("big.bin").uploadId(upload).partNumber(1), RequestBody.fromBytes(part1)).eTag();
                String e2 = s3.uploadPart(r -> r.bucket("kept").key("big.bin").uploadId(upload).partNumber(2), RequestBody.fromBytes(part2)).eTag();
                s3.completeMultipartUpload(r -> r.bucket("kept").key("big.bin").uploadId(upload).multipartUpload(m -> m.parts(
                        CompletedPart.builder().partNumber(1).eTag(e1).build(), CompletedPart.builder().partNumber(2).eTag(e2).build())));
                openUpload = s3.createMultipartUpload(r -> r.bucket("kept").key("open.bin")).uploadId();
                s3.uploadPart(r -> r.bucket("kept").key("open.bin").uploadId(openUpload).partNumber(1), RequestBody.fromBytes(part2));

                String queue = sqs.createQueue(r -> r.queueName("work").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "600")))
                        .queueUrl();
                for (String body : List.of("m1", "m2", "m3")) sqs.sendMessage(r -> r.queueUrl(queue).messageBody(body));
                List<Message> taken = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(1)).messages();
                assertThat(taken).hasSize(1);
                inFlightHandle = taken.get(0).receiptHandle();
                String fifo = sqs.createQueue(r -> r.queueName("ledger.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
                        .queueUrl();
                sqs.sendMessage(r -> r.queueUrl(fifo).messageBody("f1").messageGroupId("g").messageDeduplicationId("d1"));
                sqs.sendMessage(r -> r.queueUrl(fifo).messageBody("f2").messageGroupId("g").messageDeduplicationId("d2"));
            }
            try (EcrClient ecr = ecr(berth); S3Client s3 = S3Clients.s3(berth.endpoint())) {
                ecr.createRepository(r -> r.repositoryName("app"));
                String id = ecr.initiateLayerUpload(r -> r.repositoryName("app")).uploadId();
                ecr.uploadLayerPart(r -> r.repositoryName("app").uploadId(id).partFirstByte(0L).partLastByte((long) part1.length - 1)
                        .layerPartBlob(SdkBytes.fromByteArray(part1)));
                ecr.completeLayerUpload(r -> r.repositoryName("app").uploadId(id).layerDigests(layerDigest(part1)));
                assertThat(s3.getObjectAsBytes(r -> r.bucket("registry-blobs").key("ecr/blobs/sha256/" + layerDigest(part1).substring(7)))
                        .asByteArray()).as("the registry keeps its blobs in berth's own S3 when configured to").isEqualTo(part1);
            }
            berth.kill9();
            berth.restart();
            try (S3Client s3 = S3Clients.s3(berth.endpoint()); SqsClient sqs = S3Clients.sqs(berth.endpoint())) {
                assertThat(s3.getObjectAsBytes(r -> r.bucket("kept").key("doc.txt")).asUtf8String()).isEqualTo("second");
                List<ObjectVersion> versions = s3.listObjectVersions(r -> r.bucket("kept").prefix("doc.txt")).versions();
                assertThat(versions).hasSize(2);
                String oldest = versions.get(1).versionId();
                var first = s3.getObjectAsBytes(r -> r.bucket("kept").key("doc.txt").versionId(oldest));
                assertThat(first.asUtf8String()).isEqualTo("first");
                assertThat(first.response().metadata()).containsEntry("owner", "ops");
                assertThat(s3.listObjectVersions(r -> r.bucket("kept").prefix("gone.txt")).deleteMarkers()).hasSize(1);
                byte[] big = s3.getObjectAsBytes(r -> r.bucket("kept").key("big.bin")).asByteArray();
                assertThat(big).hasSize(part1.length + part2.length).startsWith(part1).endsWith(part2);
                assertThat(s3.listParts(r -> r.bucket("kept").key("open.bin").uploadId(openUpload)).parts()).hasSize(1);

                String queue = sqs.getQueueUrl(r -> r.queueName("work")).queueUrl();
                List<Message> visible = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
                assertThat(visible).as("the message in flight stays hidden").hasSize(2);
                assertThat(sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.ALL)).attributes())
                        .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "3")
                        .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "600");
                sqs.changeMessageVisibility(r -> r.queueUrl(queue).receiptHandle(inFlightHandle).visibilityTimeout(0));
                List<Message> released = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)).messages();
                assertThat(released).hasSize(1);
                assertThat(List.of("m1", "m2", "m3")).contains(released.get(0).body())
                        .containsAll(visible.stream().map(Message::body).toList());

                String fifo = sqs.getQueueUrl(r -> r.queueName("ledger.fifo")).queueUrl();
                sqs.sendMessage(r -> r.queueUrl(fifo).messageBody("f1 again").messageGroupId("g").messageDeduplicationId("d1"));
                sqs.sendMessage(r -> r.queueUrl(fifo).messageBody("f3").messageGroupId("g").messageDeduplicationId("d3"));
                StringBuilder order = new StringBuilder();
                for (int i = 0; i < 5 && order.length() < "f1 f2 f3 ".length(); i++) {
                    for (Message m : sqs.receiveMessage(r -> r.queueUrl(fifo).maxNumberOfMessages(10)).messages()) {
                        order.append(m.body()).append(' ');
                        sqs.deleteMessage(r -> r.queueUrl(fifo).receiptHandle(m.receiptHandle()));
                    }
                }
                assertThat(order.toString()).as("the deduplication id d1 was remembered").isEqualTo("f1 f2 f3 ");
            }
            try (EcrClient ecr = ecr(berth)) {
                assertThat(ecr.batchCheckLayerAvailability(r -> r.repositoryName("app").layerDigests(layerDigest(part1))).layers())
                        .singleElement().satisfies(l -> assertThat(l.layerAvailabilityAsString()).isEqualTo("AVAILABLE"));
                String url = ecr.getDownloadUrlForLayer(r -> r.repositoryName("app").layerDigest(layerDigest(part1))).downloadUrl();
                var download = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                assertThat(download.statusCode()).isEqualTo(200);
                assertThat(download.body()).as("pulled from the bucket through the registry").isEqualTo(part1);
            }
        }
    }
}
