package berth.e2e.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.junit5.BerthTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * S3 through the AWS SDK for Java v2, which streams uploads with its default checksums (CRC32 in a
 * trailer of an aws-chunked body) and checks what it downloads: objects with metadata, ranges and
 * conditions, multipart uploads with checksums, presigned URLs fetched with java.net.http, versioning,
 * listings, copies, batch deletes, tagging and bucket configuration.
 */
@BerthTest(shared = true, reset = BerthTest.Reset.PER_TEST, resetServices = "s3")
class S3SdkTest {
    private final URI endpoint;
    private final S3Client s3;

    S3SdkTest(URI endpoint) {
        this.endpoint = endpoint;
        this.s3 = S3Clients.s3(endpoint);
    }

    @AfterEach
    void close() {
        s3.close();
    }

    static String code(Throwable e) {
        assertThat(e).isInstanceOf(S3Exception.class);
        return ((S3Exception) e).awsErrorDetails().errorCode();
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void virtualHostedStyleNamesTheBucketInTheHost() throws Exception {
        s3.createBucket(r -> r.bucket("vhost"));
        String[] put = S3Clients.virtualHosted(endpoint, "PUT", "vhost", "/dir/file.txt", "by host".getBytes(StandardCharsets.UTF_8));
        assertThat(put[0]).as(put[1]).contains(" 200 ");
        assertThat(s3.getObjectAsBytes(r -> r.bucket("vhost").key("dir/file.txt")).asUtf8String()).isEqualTo("by host");
        String[] list = S3Clients.virtualHosted(endpoint, "GET", "vhost", "/?list-type=2&prefix=dir/", new byte[0]);
        assertThat(list[0]).contains(" 200 ");
        assertThat(list[1]).contains("<Name>vhost</Name>").contains("<Key>dir/file.txt</Key>");
        String[] missing = S3Clients.virtualHosted(endpoint, "GET", "vhost", "/nope", new byte[0]);
        assertThat(missing[0]).contains(" 404 ");
        assertThat(missing[1]).contains("<Code>NoSuchKey</Code>");
    }

    @Test
    void objectsKeepMetadataAndAnswerRangesConditionsAndChecksums() {
        s3.createBucket(r -> r.bucket("docs"));
        byte[] body = random(300_000, 1);
        var put = s3.putObject(r -> r.bucket("docs").key("a/report.bin").contentType("application/x-report")
                .metadata(Map.of("owner", "ops", "Kind", "weekly")).cacheControl("max-age=60")
                .checksumAlgorithm(ChecksumAlgorithm.CRC32_C), RequestBody.fromBytes(body));
        assertThat(put.eTag()).hasSize(34);
        assertThat(put.checksumCRC32C()).isNotBlank();
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(r -> r.bucket("docs").key("a/report.bin"));
        assertThat(got.asByteArray()).isEqualTo(body);
        assertThat(got.response().contentType()).isEqualTo("application/x-report");
        assertThat(got.response().metadata()).containsEntry("owner", "ops").containsEntry("kind", "weekly");
        assertThat(got.response().cacheControl()).isEqualTo("max-age=60");
        HeadObjectResponse head = s3.headObject(r -> r.bucket("docs").key("a/report.bin").checksumMode(ChecksumMode.ENABLED));
        assertThat(head.contentLength()).isEqualTo(300_000);
        assertThat(head.checksumCRC32C()).isEqualTo(put.checksumCRC32C());
        assertThat(head.eTag()).isEqualTo(put.eTag());

        ResponseBytes<GetObjectResponse> range = s3.getObjectAsBytes(r -> r.bucket("docs").key("a/report.bin").range("bytes=100-199"));
        assertThat(range.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(body, 100, 200));
        assertThat(range.response().contentRange()).isEqualTo("bytes 100-199/300000");
        assertThat(s3.getObjectAsBytes(r -> r.bucket("docs").key("a/report.bin").range("bytes=-10")).asByteArray())
                .isEqualTo(java.util.Arrays.copyOfRange(body, 299_990, 300_000));
        assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket("docs").key("a/report.bin").range("bytes=400000-")))
                .isInstanceOf(S3Exception.class).satisfies(e -> {
                    assertThat(((S3Exception) e).statusCode()).isEqualTo(416);
                    assertThat(((S3Exception) e).awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
                });
        assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket("docs").key("a/report.bin").ifNoneMatch(put.eTag())))
                .isInstanceOf(S3Exception.class).satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(304));
        assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket("docs").key("a/report.bin").ifMatch("\"nope\"")))
                .isInstanceOf(S3Exception.class).satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(412));
        assertThat(s3.getObjectAsBytes(r -> r.bucket("docs").key("a/report.bin")
                .ifUnmodifiedSince(Instant.now().plusSeconds(60))).asByteArray()).hasSize(300_000);
        assertThatThrownBy(() -> s3.putObject(r -> r.bucket("docs").key("a/report.bin").ifNoneMatch("*"), RequestBody.fromString("x")))
                .isInstanceOf(S3Exception.class).satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(412));
        assertThat(s3.getObjectAsBytes(r -> r.bucket("docs").key("a/report.bin")).asByteArray()).isEqualTo(body);
        s3.putObject(r -> r.bucket("docs").key("empty"), RequestBody.empty());
        assertThat(s3.getObjectAsBytes(r -> r.bucket("docs").key("empty")).asByteArray()).isEmpty();
        assertThatThrownBy(() -> s3.getObject(r -> r.bucket("docs").key("missing"))).isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> s3.getObject(r -> r.bucket("nobucket").key("x"))).isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void multipartUploadsCompleteFromTheirPartsWithCompositeChecksums() {
        s3.createBucket(r -> r.bucket("parts"));
        byte[] first = random(5 * 1024 * 1024, 2);
        byte[] second = random(1_234_567, 3);
        String uploadId = s3.createMultipartUpload(r -> r.bucket("parts").key("big").contentType("video/mp4")
                .checksumAlgorithm(ChecksumAlgorithm.SHA256)).uploadId();
        UploadPartResponse p1 = s3.uploadPart(r -> r.bucket("parts").key("big").uploadId(uploadId).partNumber(1)
                .checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromBytes(first));
        UploadPartResponse p2 = s3.uploadPart(r -> r.bucket("parts").key("big").uploadId(uploadId).partNumber(2)
                .checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromBytes(second));
        assertThat(s3.listParts(r -> r.bucket("parts").key("big").uploadId(uploadId)).parts()).extracting(p -> p.size())
                .containsExactly((long) first.length, (long) second.length);
        assertThat(s3.listMultipartUploads(r -> r.bucket("parts")).uploads()).extracting(u -> u.uploadId()).containsExactly(uploadId);
        var done = s3.completeMultipartUpload(r -> r.bucket("parts").key("big").uploadId(uploadId).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(p1.eTag()).checksumSHA256(p1.checksumSHA256()).build(),
                CompletedPart.builder().partNumber(2).eTag(p2.eTag()).checksumSHA256(p2.checksumSHA256()).build())));
        assertThat(done.eTag()).endsWith("-2\"");
        assertThat(done.checksumSHA256()).endsWith("-2");
        byte[] whole = s3.getObjectAsBytes(r -> r.bucket("parts").key("big")).asByteArray();
        assertThat(whole.length).isEqualTo(first.length + second.length);
        assertThat(java.util.Arrays.copyOfRange(whole, first.length, whole.length)).isEqualTo(second);
        HeadObjectResponse part2 = s3.headObject(r -> r.bucket("parts").key("big").partNumber(2));
        assertThat(part2.contentLength()).isEqualTo(second.length);
        assertThat(part2.partsCount()).isEqualTo(2);
        assertThat(s3.listMultipartUploads(r -> r.bucket("parts")).uploads()).isEmpty();

        String small = s3.createMultipartUpload(r -> r.bucket("parts").key("small")).uploadId();
        var s1 = s3.uploadPart(r -> r.bucket("parts").key("small").uploadId(small).partNumber(1), RequestBody.fromString("tiny"));
        var s2 = s3.uploadPart(r -> r.bucket("parts").key("small").uploadId(small).partNumber(2), RequestBody.fromString("tail"));
        assertThatThrownBy(() -> s3.completeMultipartUpload(r -> r.bucket("parts").key("small").uploadId(small).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(s1.eTag()).build(), CompletedPart.builder().partNumber(2).eTag(s2.eTag()).build()))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("EntityTooSmall"));
        assertThatThrownBy(() -> s3.completeMultipartUpload(r -> r.bucket("parts").key("small").uploadId(small).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag("\"00000000000000000000000000000000\"").build()))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidPart"));
        s3.abortMultipartUpload(r -> r.bucket("parts").key("small").uploadId(small));
        assertThatThrownBy(() -> s3.listParts(r -> r.bucket("parts").key("small").uploadId(small)))
                .isInstanceOf(software.amazon.awssdk.services.s3.model.NoSuchUploadException.class);
    }

    @Test
    void presignedUrlsWorkFromPlainHttpAndExpire() throws Exception {
        s3.createBucket(r -> r.bucket("shared"));
        HttpClient http = HttpClient.newHttpClient();
        try (S3Presigner presigner = S3Clients.presigner(endpoint)) {
            var put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket("shared").key("up load.txt").contentType("text/plain")));
            HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(put.url().toURI()).header("Content-Type", "text/plain")
                    .PUT(HttpRequest.BodyPublishers.ofString("sent by url")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
            var get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(r -> r.bucket("shared").key("up load.txt").responseContentDisposition("attachment")));
            HttpResponse<String> fetched = http.send(HttpRequest.newBuilder(get.url().toURI()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(fetched.body()).isEqualTo("sent by url");
            assertThat(fetched.headers().firstValue("Content-Disposition")).contains("attachment");
            String tampered = get.url().toString().replace("up%20load.txt", "other.txt");
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(tampered)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("<Code>SignatureDoesNotMatch</Code>");
            var expiring = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofSeconds(1))
                    .getObjectRequest(r -> r.bucket("shared").key("up load.txt")));
            Thread.sleep(2100);
            HttpResponse<String> expired = http.send(HttpRequest.newBuilder(expiring.url().toURI()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(expired.statusCode()).isEqualTo(403);
            assertThat(expired.body()).contains("<Code>AccessDenied</Code>").contains("Request has expired");
        }
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(endpoint.resolve("/shared/up%20load.txt")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(403);
        s3.putBucketPolicy(r -> r.bucket("shared").policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::shared/*\"}]}"));
        HttpResponse<String> publicRead = http.send(HttpRequest.newBuilder(endpoint.resolve("/shared/up%20load.txt")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(publicRead.statusCode()).isEqualTo(200);
        assertThat(publicRead.body()).isEqualTo("sent by url");
    }

    @Test
    void versioningKeepsEveryVersionAndDeleteMarkers() {
        s3.createBucket(r -> r.bucket("history"));
        s3.putBucketVersioning(r -> r.bucket("history").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        String v1 = s3.putObject(r -> r.bucket("history").key("doc"), RequestBody.fromString("one")).versionId();
        String v2 = s3.putObject(r -> r.bucket("history").key("doc"), RequestBody.fromString("two")).versionId();
        assertThat(v1).isNotEqualTo(v2).isNotEqualTo("null");
        assertThat(s3.getObjectAsBytes(r -> r.bucket("history").key("doc")).asUtf8String()).isEqualTo("two");
        assertThat(s3.getObjectAsBytes(r -> r.bucket("history").key("doc").versionId(v1)).asUtf8String()).isEqualTo("one");
        var deleted = s3.deleteObject(r -> r.bucket("history").key("doc"));
        assertThat(deleted.deleteMarker()).isTrue();
        assertThatThrownBy(() -> s3.getObject(r -> r.bucket("history").key("doc"))).isInstanceOf(NoSuchKeyException.class);
        var versions = s3.listObjectVersions(r -> r.bucket("history"));
        assertThat(versions.versions()).extracting(v -> v.versionId()).containsExactly(v2, v1);
        assertThat(versions.deleteMarkers()).hasSize(1);
        assertThat(versions.deleteMarkers().get(0).isLatest()).isTrue();
        assertThat(s3.listObjectsV2(r -> r.bucket("history")).contents()).isEmpty();
        s3.deleteObject(r -> r.bucket("history").key("doc").versionId(deleted.versionId()));
        assertThat(s3.getObjectAsBytes(r -> r.bucket("history").key("doc")).asUtf8String()).isEqualTo("two");
        s3.deleteObject(r -> r.bucket("history").key("doc").versionId(v2));
        assertThat(s3.getObjectAsBytes(r -> r.bucket("history").key("doc")).asUtf8String()).isEqualTo("one");
        assertThat(s3.getBucketVersioning(r -> r.bucket("history")).status()).isEqualTo(BucketVersioningStatus.ENABLED);
    }

    @Test
    void listingsPageThroughPrefixesDelimitersAndTokens() {
        s3.createBucket(r -> r.bucket("tree"));
        List<String> keys = new ArrayList<>();
        for (String dir : List.of("a", "b", "c")) {
            for (int i = 0; i < 4; i++) keys.add(dir + "/" + i + ".txt");
        }
        keys.addAll(List.of("top.txt", "z é ü.txt"));
        keys.forEach(k -> s3.putObject(r -> r.bucket("tree").key(k), RequestBody.fromString(k)));
        ListObjectsV2Response rolled = s3.listObjectsV2(r -> r.bucket("tree").delimiter("/"));
        assertThat(rolled.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("a/", "b/", "c/");
        assertThat(rolled.contents()).extracting(S3Object::key).containsExactly("top.txt", "z é ü.txt");
        List<String> paged = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket("tree").maxKeys(5).continuationToken(t));
            page.contents().forEach(o -> paged.add(o.key()));
            token = page.nextContinuationToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(paged).containsExactlyElementsOf(keys.stream().sorted().toList());
        assertThat(s3.listObjectsV2(r -> r.bucket("tree").prefix("b/").startAfter("b/1.txt")).contents())
                .extracting(S3Object::key).containsExactly("b/2.txt", "b/3.txt");
        var v1 = s3.listObjects(r -> r.bucket("tree").prefix("c/").maxKeys(2));
        assertThat(v1.contents()).extracting(S3Object::key).containsExactly("c/0.txt", "c/1.txt");
        assertThat(v1.isTruncated()).isTrue();
        assertThat(s3.listObjects(r -> r.bucket("tree").prefix("c/").marker("c/1.txt")).contents()).extracting(S3Object::key)
                .containsExactly("c/2.txt", "c/3.txt");
        assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains("tree");
    }

    @Test
    void copiesBatchDeletesTaggingAndBucketConfigurationRoundTrip() {
        s3.createBucket(r -> r.bucket("src"));
        s3.createBucket(r -> r.bucket("dst"));
        s3.putObject(r -> r.bucket("src").key("orig").metadata(Map.of("m", "1")).tagging("team=blue"), RequestBody.fromString("copied bytes"));
        var copy = s3.copyObject(r -> r.sourceBucket("src").sourceKey("orig").destinationBucket("dst").destinationKey("copy"));
        assertThat(copy.copyObjectResult().eTag()).isNotBlank();
        assertThat(s3.getObjectAsBytes(r -> r.bucket("dst").key("copy")).asUtf8String()).isEqualTo("copied bytes");
        assertThat(s3.headObject(r -> r.bucket("dst").key("copy")).metadata()).containsEntry("m", "1");
        s3.copyObject(r -> r.sourceBucket("src").sourceKey("orig").destinationBucket("src").destinationKey("orig")
                .metadataDirective("REPLACE").metadata(Map.of("m", "2")));
        assertThat(s3.headObject(r -> r.bucket("src").key("orig")).metadata()).containsEntry("m", "2");
        assertThat(s3.getObjectTagging(r -> r.bucket("src").key("orig")).tagSet()).extracting(t -> t.key() + "=" + t.value())
                .containsExactly("team=blue");
        s3.putObjectTagging(r -> r.bucket("dst").key("copy").tagging(t -> t.tagSet(
                software.amazon.awssdk.services.s3.model.Tag.builder().key("k").value("v").build())));
        assertThat(s3.getObjectTagging(r -> r.bucket("dst").key("copy")).tagSet()).hasSize(1);

        for (int i = 0; i < 3; i++) {
            int n = i;
            s3.putObject(r -> r.bucket("dst").key("del/" + n), RequestBody.fromString("x"));
        }
        var result = s3.deleteObjects(r -> r.bucket("dst").delete(d -> d.objects(
                ObjectIdentifier.builder().key("del/0").build(), ObjectIdentifier.builder().key("del/1").build(),
                ObjectIdentifier.builder().key("del/missing").build())));
        assertThat(result.deleted()).hasSize(3);
        assertThat(s3.listObjectsV2(r -> r.bucket("dst").prefix("del/")).contents()).extracting(S3Object::key).containsExactly("del/2");

        s3.putBucketTagging(r -> r.bucket("dst").tagging(t -> t.tagSet(
                software.amazon.awssdk.services.s3.model.Tag.builder().key("env").value("test").build())));
        assertThat(s3.getBucketTagging(r -> r.bucket("dst")).tagSet()).hasSize(1);
        s3.putBucketCors(r -> r.bucket("dst").corsConfiguration(c -> c.corsRules(rule -> rule.allowedOrigins("https://app.example")
                .allowedMethods("GET", "PUT").allowedHeaders("*").maxAgeSeconds(600))));
        assertThat(s3.getBucketCors(r -> r.bucket("dst")).corsRules().get(0).allowedMethods()).containsExactly("GET", "PUT");
        s3.putBucketLifecycleConfiguration(r -> r.bucket("dst").lifecycleConfiguration(l -> l.rules(rule -> rule.id("old")
                .status("Enabled").filter(f -> f.prefix("logs/")).expiration(e -> e.days(30))
                .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(7)))));
        var rules = s3.getBucketLifecycleConfiguration(r -> r.bucket("dst")).rules();
        assertThat(rules.get(0).expiration().days()).isEqualTo(30);
        assertThat(rules.get(0).filter().prefix()).isEqualTo("logs/");
        assertThat(s3.getBucketLocation(r -> r.bucket("dst")).locationConstraintAsString()).isEmpty();
        assertThatThrownBy(() -> s3.deleteBucket(r -> r.bucket("dst"))).satisfies(e -> assertThat(code(e)).isEqualTo("BucketNotEmpty"));
        assertThatThrownBy(() -> s3.createBucket(r -> r.bucket("sthree-reserved"))).satisfies(e -> assertThat(code(e)).isEqualTo("InvalidBucketName"));
        assertThatThrownBy(() -> S3Clients.s3(endpoint, "test", "wrong").listBuckets()).satisfies(e -> assertThat(code(e)).isEqualTo("SignatureDoesNotMatch"));
        assertThatThrownBy(() -> s3.putObject(r -> r.bucket("dst").key("bad").contentMD5("AAAAAAAAAAAAAAAAAAAAAA=="),
                RequestBody.fromString("abc"))).satisfies(e -> assertThat(code(e)).isEqualTo("BadDigest"));
        assertThat(s3.getObjectAsBytes(r -> r.bucket("dst").key("copy")).asByteArray()).isEqualTo("copied bytes".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> s3.headObject(r -> r.bucket("dst").key("bad"))).isInstanceOf(NoSuchKeyException.class);
    }
}
