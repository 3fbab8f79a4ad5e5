package berth.e2e.registry;

import static org.assertj.core.api.Assertions.assertThat;

import berth.e2e.BerthProcess;
import berth.e2e.RawAws;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

/**
 * The blob collector runs again and again while docker pushes an image that shares its base layer
 * with older images: the garbage goes, the push and everything it needs stays.
 */
class RegistryGcTest {
    private static final Pattern LAYER = Pattern.compile("\"digest\":\\s*\"(sha256:[0-9a-f]{64})\"");

    @Test
    void collectingWhileAPushRunsLosesNothing(@TempDir Path home) throws Exception {
        try (BerthProcess berth = BerthProcess.start(home, Map.of("BERTH_REGISTRY_GC_GRACE_SECONDS", "600"));
             EcrClient ecr = EcrClient.builder().endpointOverride(berth.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            RegistryClients clients = new RegistryClients(berth.endpoint());
            clients.dockerLogin("test");
            for (String repo : List.of("gc/keep", "gc/garbage", "gc/live")) ecr.createRepository(r -> r.repositoryName(repo));
            String keep = clients.host() + "/gc/keep:v1";
            String garbage = clients.host() + "/gc/garbage:v1";
            String live = clients.host() + "/gc/live:v1";
            try {
                clients.buildImage(keep, Map.of("keep.bin", 10_000), "", 41);
                clients.docker("push", keep).ok();
                clients.buildImage(garbage, Map.of("garbage.bin", 2_000_000), "", 42);
                clients.docker("push", garbage).ok();
                String garbageManifest = ecr.batchGetImage(r -> r.repositoryName("gc/garbage")
                        .imageIds(ImageIdentifier.builder().imageTag("v1").build())).images().get(0).imageManifest();
                ecr.batchDeleteImage(r -> r.repositoryName("gc/garbage").imageIds(ImageIdentifier.builder().imageTag("v1").build()));
                ageEveryBlob(home, Duration.ofHours(2));

                Map<String, Integer> layers = new LinkedHashMap<>();
                for (int i = 0; i < 4; i++) layers.put("live" + i + ".bin", 3_000_000);
                clients.buildImage(live, layers, "cat /data/*.bin | md5sum > /data/sum", 43);
                String liveId = clients.docker("image", "inspect", "--format", "{{.Id}}", live).ok().stdout().trim();
                CompletableFuture<RegistryClients.Result> push = CompletableFuture.supplyAsync(() -> {
                    try {
                        return clients.docker("push", live);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                RawAws admin = new RawAws(berth.endpoint());
                int runs = 0;
                int deleted = 0;
                while (!push.isDone() || runs < 3) {
                    RawAws.Answer report = admin.signed("POST", "/_berth/registry/gc", Map.of(), new byte[0], "ecr", "us-east-1", "test", "test");
                    assertThat(report.status()).as(report.body()).isEqualTo(200);
                    Matcher m = Pattern.compile("\"blobsDeleted\":(\\d+)").matcher(report.body());
                    assertThat(m.find()).isTrue();
                    deleted += Integer.parseInt(m.group(1));
                    runs++;
                }
                push.get().ok();
                assertThat(deleted).as("the collector removed the deleted image's own blobs").isGreaterThanOrEqualTo(2);

                Matcher garbageLayers = LAYER.matcher(garbageManifest);
                String password = clients.loginPassword("test");
                int gone = 0;
                while (garbageLayers.find()) {
                    int status = clients.request("HEAD", "/v2/gc/garbage/blobs/" + garbageLayers.group(1),
                            Map.of("Authorization", RegistryClients.basic(password)), new byte[0]).statusCode();
                    if (status == 404) gone++;
                }
                assertThat(gone).isGreaterThanOrEqualTo(2);

                clients.docker("rmi", live, keep).ok();
                clients.docker("pull", live).ok();
                assertThat(clients.docker("image", "inspect", "--format", "{{.Id}}", live).ok().stdout().trim()).isEqualTo(liveId);
                assertThat(clients.docker("run", "--rm", live, "sh", "-c", "cat /data/*.bin | md5sum | cmp - /data/sum && echo intact")
                        .ok().stdout()).contains("intact");
                clients.docker("pull", keep).ok();
            } finally {
                for (String image : List.of(keep, garbage, live)) clients.docker("rmi", "-f", image);
            }
        }
    }

    /** Moves every blob's last use into the past, as if the images had been pushed long ago. */
    private static void ageEveryBlob(Path home, Duration age) throws Exception {
        FileTime past = FileTime.from(Instant.now().minus(age));
        try (Stream<Path> files = Files.walk(home.resolve("registry").resolve("blobs"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) Files.setLastModifiedTime(file, past);
        }
    }
}
