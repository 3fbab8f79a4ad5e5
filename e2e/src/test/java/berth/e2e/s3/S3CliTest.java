package berth.e2e.s3;

import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.AwsCli;
import berth.e2e.RawAws;
import berth.junit5.BerthTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aws s3} through both CLIs and a boto3 managed transfer of 1 GiB: v1 (signed chunked uploads with CRC32 trailers, SigV2 presigned
 * URLs) and v2 (2.9: SigV4 presigned URLs); cp of a multipart-sized file both ways, sync, ls, rm,
 * presign fetched with java.net.http.
 */
@BerthTest(shared = true)
class S3CliTest {
    static List<AwsCli> clis;
    private final URI endpoint;
    @TempDir
    Path work;

    S3CliTest(URI endpoint) {
        this.endpoint = endpoint;
    }

    @BeforeAll
    static void findClis() {
        clis = AwsCli.installed();
        assertThat(clis).as("an aws CLI must be installed").isNotEmpty();
    }

    private AwsCli.Result ok(AwsCli aws, String... args) throws Exception {
        AwsCli.Result result = aws.run(endpoint, "test", "test", args);
        assertThat(result.exitCode()).as(aws + " " + String.join(" ", args) + ": " + result.stderr()).isZero();
        return result;
    }

    @Test
    void copySyncListPresignAndRemoveWithBothClis() throws Exception {
        Path source = work.resolve("src");
        Files.createDirectories(source.resolve("nested/deeper"));
        byte[] big = new byte[9 * 1024 * 1024];
        new Random(7).nextBytes(big);
        Files.write(source.resolve("big.bin"), big);
        Files.writeString(source.resolve("nested/a.txt"), "alpha");
        Files.writeString(source.resolve("nested/deeper/b c.txt"), "bravo charlie");
        HttpClient http = HttpClient.newHttpClient();
        for (AwsCli aws : clis) {
            String bucket = "cli-" + Math.abs(aws.toString().hashCode());
            ok(aws, "s3", "mb", "s3://" + bucket);
            ok(aws, "s3", "cp", source.resolve("big.bin").toString(), "s3://" + bucket + "/one/big.bin", "--only-show-errors");
            Path back = work.resolve(bucket + "-big.bin");
            ok(aws, "s3", "cp", "s3://" + bucket + "/one/big.bin", back.toString(), "--only-show-errors");
            assertThat(Files.readAllBytes(back)).isEqualTo(big);
            ok(aws, "s3", "sync", source.toString(), "s3://" + bucket + "/tree", "--only-show-errors");
            String listing = ok(aws, "s3", "ls", "s3://" + bucket + "/tree/", "--recursive").stdout();
            assertThat(listing).contains("tree/big.bin").contains("tree/nested/a.txt").contains("tree/nested/deeper/b c.txt");
            assertThat(ok(aws, "s3", "ls", "s3://" + bucket + "/tree/").stdout()).contains("PRE nested/").contains("big.bin");
            assertThat(ok(aws, "s3", "sync", source.toString(), "s3://" + bucket + "/tree", "--dryrun").stdout())
                    .as("nothing changed, nothing to sync").isBlank();
            Path down = work.resolve(bucket + "-down");
            ok(aws, "s3", "sync", "s3://" + bucket + "/tree", down.toString(), "--only-show-errors");
            assertThat(Files.readString(down.resolve("nested/deeper/b c.txt"))).isEqualTo("bravo charlie");
            assertThat(Files.readAllBytes(down.resolve("big.bin"))).isEqualTo(big);

            String url = ok(aws, "s3", "presign", "s3://" + bucket + "/tree/nested/deeper/b c.txt", "--expires-in", "300")
                    .stdout().strip();
            HttpResponse<String> fetched = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(fetched.statusCode()).as(url + " " + fetched.body()).isEqualTo(200);
            assertThat(fetched.body()).isEqualTo("bravo charlie");
            HttpResponse<String> tampered = http.send(HttpRequest.newBuilder(URI.create(url.replace("b%20c.txt", "a.txt")
                    .replace("/deeper/", "/"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(tampered.statusCode()).isEqualTo(403);

            ok(aws, "s3", "rm", "s3://" + bucket + "/tree", "--recursive", "--only-show-errors");
            AwsCli.Result empty = aws.run(endpoint, "test", "test", "s3", "ls", "s3://" + bucket + "/tree/", "--recursive");
            assertThat(empty.exitCode()).as("the CLI exits 1 on an empty listing, as against AWS").isEqualTo(1);
            assertThat(empty.stdout()).isBlank();
            AwsCli.Result notEmpty = aws.run(endpoint, "test", "test", "s3", "rb", "s3://" + bucket);
            assertThat(notEmpty.exitCode()).isNotZero();
            assertThat(notEmpty.stderr()).contains("BucketNotEmpty");
            ok(aws, "s3", "rb", "s3://" + bucket, "--force");
        }
    }

    @Test
    void badInputGetsS3XmlErrorsWithTheirFourHundredStatuses() throws Exception {
        RawAws raw = new RawAws(endpoint);
        RawAws.Answer created = raw.signed("PUT", "/raw-bad", Map.of(), new byte[0], "s3", "us-east-1", "test", "test");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        for (AwsCli aws : clis) {
            assertThat(fails(aws, "test", "s3api", "get-object", "--bucket", "raw-bad", "--key", "missing", work.resolve("x").toString()))
                    .contains("NoSuchKey");
            assertThat(fails(aws, "test", "s3api", "put-bucket-versioning", "--bucket", "raw-bad",
                    "--versioning-configuration", "Status=Sometimes")).contains("MalformedXML");
            assertThat(fails(aws, "not-the-secret", "s3", "ls", "s3://raw-bad")).contains("SignatureDoesNotMatch");
        }
        List<RawAws.Answer> answers = List.of(
                raw.signed("GET", "/raw-never-made?list-type=2", Map.of(), new byte[0], "s3", "us-east-1", "test", "test"),
                raw.signed("GET", "/raw-bad/missing", Map.of(), new byte[0], "s3", "us-east-1", "test", "test"),
                raw.signed("PUT", "/Raw_Bad", Map.of(), new byte[0], "s3", "us-east-1", "test", "test"),
                raw.signed("PUT", "/raw-bad?tagging", Map.of("Content-Type", "application/xml"),
                        "<Tagging><TagSet><Tag>".getBytes(StandardCharsets.UTF_8), "s3", "us-east-1", "test", "test"),
                raw.signed("GET", "/raw-bad?list-type=2", Map.of(), new byte[0], "s3", "us-east-1", "test", "wrong"));
        List<String> codes = List.of("NoSuchBucket", "NoSuchKey", "InvalidBucketName", "MalformedXML", "SignatureDoesNotMatch");
        List<Integer> statuses = List.of(404, 404, 400, 400, 403);
        for (int i = 0; i < codes.size(); i++) {
            RawAws.Answer answer = answers.get(i);
            assertThat(answer.status()).as(codes.get(i) + ": " + answer.body()).isEqualTo(statuses.get(i));
            assertThat(answer.header("Content-Type")).contains("xml");
            assertThat(answer.body()).startsWith("<?xml").contains("<Error><Code>" + codes.get(i) + "</Code>").contains("<RequestId>");
        }
    }

    @Test
    void boto3MovesAOneGibFileInSixteenPartsAndBackUnchanged() throws Exception {
        Path script = work.resolve("boto3_transfer.py");
        try (var in = S3CliTest.class.getResourceAsStream("/s3/boto3_transfer.py")) {
            Files.copy(in, script);
        }
        Process p = new ProcessBuilder("python3", script.toString(), endpoint.toString(), "boto3-big", work.toString(), "1024")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).as(out).isZero();
        var result = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out);
        assertThat(result.path("length").asLong()).isEqualTo(1L << 30);
        assertThat(result.path("downLength").asLong()).isEqualTo(1L << 30);
        assertThat(result.path("etag").asText()).as("a multipart ETag of 16 parts").endsWith("-16\"");
        assertThat(result.path("down").asText()).isEqualTo(result.path("up").asText());
    }

    private String fails(AwsCli aws, String secret, String... args) throws Exception {
        AwsCli.Result result = aws.run(endpoint, "test", secret, args);
        assertThat(result.exitCode()).as(aws + " " + String.join(" ", args) + " must fail").isNotZero();
        return result.stderr();
    }
}
