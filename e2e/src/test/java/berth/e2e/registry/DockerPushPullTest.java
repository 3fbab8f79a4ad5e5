package berth.e2e.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.junit5.BerthTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;

/** Images built, pushed and pulled with the docker CLI and skopeo, checked through the ECR API. */
@BerthTest
class DockerPushPullTest {
    private static final Pattern PUSHED_DIGEST = Pattern.compile("digest: (sha256:[0-9a-f]{64})");
    private static RegistryClients cleanup;
    private final EcrClient ecr;
    private final RegistryClients clients;

    DockerPushPullTest(URI endpoint, EcrClient ecr) throws Exception {
        this.ecr = ecr;
        this.clients = new RegistryClients(endpoint);
        cleanup = clients;
        clients.dockerLogin("test");
    }

    @AfterAll
    static void removeLocalImages() throws Exception {
        if (cleanup == null) return;
        String images = cleanup.docker("images", "--format", "{{.Repository}}:{{.Tag}}", cleanup.host() + "/*/*").stdout();
        for (String image : images.split("\n")) if (!image.isBlank()) cleanup.docker("rmi", "-f", image.trim());
    }

    private String push(String image) throws Exception {
        RegistryClients.Result pushed = clients.docker("push", image).ok();
        Matcher m = PUSHED_DIGEST.matcher(pushed.stdout());
        assertThat(m.find()).as(pushed.stdout()).isTrue();
        return m.group(1);
    }

    @Test
    void aMultiLayerImageRoundTripsWithIdenticalDigests() throws Exception {
        ecr.createRepository(r -> r.repositoryName("e2e/app"));
        String image = clients.host() + "/e2e/app:v1";
        clients.buildImage(image, Map.of("a.bin", 2_000_000, "b.bin", 1_000_000), "echo built > /data/marker", 11);
        String localId = clients.docker("image", "inspect", "--format", "{{.Id}}", image).ok().stdout().trim();
        String digest = push(image);

        clients.docker("rmi", image).ok();
        clients.docker("pull", image).ok();
        assertThat(clients.docker("image", "inspect", "--format", "{{.Id}}", image).ok().stdout().trim()).isEqualTo(localId);
        clients.docker("rmi", image).ok();
        clients.docker("pull", clients.host() + "/e2e/app@" + digest).ok();
        assertThat(clients.docker("run", "--rm", clients.host() + "/e2e/app@" + digest, "cat", "/data/marker").ok().stdout())
                .isEqualTo("built\n");

        var detail = ecr.describeImages(r -> r.repositoryName("e2e/app")).imageDetails();
        assertThat(detail).singleElement().satisfies(d -> {
            assertThat(d.imageDigest()).isEqualTo(digest);
            assertThat(d.imageTags()).containsExactly("v1");
            assertThat(d.imageSizeInBytes()).isGreaterThan(3_000_000L);
            assertThat(d.imageManifestMediaType()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
            assertThat(d.artifactMediaType()).isEqualTo("application/vnd.docker.container.image.v1+json");
        });

        String password = clients.loginPassword("test");
        String inspected = clients.skopeo("inspect", "--tls-verify=false", "--creds", "AWS:" + password, "docker://" + image).ok().stdout();
        assertThat(inspected).contains("\"Digest\": \"" + digest + "\"");
        Path dir = Files.createTempDirectory("skopeo-dir");
        clients.skopeo("copy", "--src-tls-verify=false", "--src-creds", "AWS:" + password, "docker://" + image, "dir:" + dir).ok();
        ecr.createRepository(r -> r.repositoryName("e2e/copy"));
        clients.skopeo("copy", "--dest-tls-verify=false", "--dest-creds", "AWS:" + password, "dir:" + dir,
                "docker://" + clients.host() + "/e2e/copy:v1").ok();
        assertThat(ecr.describeImages(r -> r.repositoryName("e2e/copy")).imageDetails().get(0).imageDigest()).isEqualTo(digest);
        Path back = Files.createTempDirectory("skopeo-back");
        clients.skopeo("copy", "--src-tls-verify=false", "--src-creds", "AWS:" + password,
                "docker://" + clients.host() + "/e2e/copy@" + digest, "dir:" + back).ok();
        for (Path file : Files.list(dir).toList()) {
            assertThat(back.resolve(file.getFileName())).hasSameBinaryContentAs(file);
        }
    }

    @Test
    void anImmutableRepositoryRefusesToMoveATagThroughDockerAndTheApi() throws Exception {
        ecr.createRepository(r -> r.repositoryName("e2e/immutable").imageTagMutability(ImageTagMutability.IMMUTABLE));
        String release = clients.host() + "/e2e/immutable:release";
        clients.buildImage(release, Map.of("one.bin", 100_000), "", 21);
        String first = push(release);
        assertThat(push(release)).as("pushing the same image again is fine").isEqualTo(first);

        clients.buildImage(release, Map.of("two.bin", 100_000), "", 22);
        RegistryClients.Result refused = clients.docker("push", release);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stdout() + refused.stderr()).contains("cannot be overwritten because the repository is immutable");
        assertThat(ecr.batchGetImage(r -> r.repositoryName("e2e/immutable").imageIds(ImageIdentifier.builder().imageTag("release").build()))
                .images().get(0).imageId().imageDigest()).isEqualTo(first);

        String other = clients.host() + "/e2e/immutable:other";
        clients.docker("tag", release, other).ok();
        String second = push(other);
        String secondManifest = ecr.batchGetImage(r -> r.repositoryName("e2e/immutable")
                .imageIds(ImageIdentifier.builder().imageDigest(second).build())).images().get(0).imageManifest();
        assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName("e2e/immutable").imageTag("release").imageManifest(secondManifest)))
                .isInstanceOf(ImageTagAlreadyExistsException.class);

        ecr.putImageTagMutability(r -> r.repositoryName("e2e/immutable").imageTagMutability(ImageTagMutability.MUTABLE));
        assertThat(push(release)).isEqualTo(second);
    }

    @Test
    void aManifestListMadeWithDockerManifestIsServedAndResolvedByPlatform() throws Exception {
        ecr.createRepository(r -> r.repositoryName("e2e/multi"));
        String one = clients.host() + "/e2e/multi:one";
        String two = clients.host() + "/e2e/multi:two";
        String list = clients.host() + "/e2e/multi:list";
        clients.buildImage(one, Map.of("x.bin", 50_000), "", 31);
        clients.buildImage(two, Map.of("y.bin", 50_000), "", 32);
        String oneDigest = push(one);
        push(two);
        String oneId = clients.docker("image", "inspect", "--format", "{{.Id}}", one).ok().stdout().trim();
        clients.docker("manifest", "create", "--insecure", list, one, two).ok();
        clients.docker("manifest", "annotate", "--arch", "arm64", list, two).ok();
        String listDigest = clients.docker("manifest", "push", "--insecure", list).ok().stdout().trim();
        assertThat(listDigest).startsWith("sha256:");

        String password = clients.loginPassword("test");
        String raw = clients.skopeo("inspect", "--raw", "--tls-verify=false", "--creds", "AWS:" + password, "docker://" + list).ok().stdout();
        assertThat(raw).contains("application/vnd.docker.distribution.manifest.list.v2+json").contains(oneDigest).contains("arm64");
        var stored = ecr.batchGetImage(r -> r.repositoryName("e2e/multi").imageIds(ImageIdentifier.builder().imageTag("list").build()));
        assertThat(stored.images().get(0).imageManifestMediaType()).isEqualTo("application/vnd.docker.distribution.manifest.list.v2+json");
        assertThat(stored.images().get(0).imageId().imageDigest()).isEqualTo(listDigest);

        clients.docker("rmi", one).ok();
        clients.docker("pull", list).ok();
        assertThat(clients.docker("image", "inspect", "--format", "{{.Id}}", list).ok().stdout().trim()).isEqualTo(oneId);

        HttpResponse<byte[]> onlyImages = clients.request("GET", "/v2/e2e/multi/manifests/list", Map.of(
                "Authorization", RegistryClients.basic(password),
                "Accept", "application/vnd.docker.distribution.manifest.v2+json"), new byte[0]);
        assertThat(onlyImages.statusCode()).isEqualTo(200);
        assertThat(onlyImages.headers().firstValue("Docker-Content-Digest")).contains(oneDigest);
        HttpResponse<byte[]> index = clients.request("GET", "/v2/e2e/multi/manifests/list", Map.of(
                "Authorization", RegistryClients.basic(password),
                "Accept", "application/vnd.docker.distribution.manifest.list.v2+json"), new byte[0]);
        assertThat(index.headers().firstValue("Content-Type")).contains("application/vnd.docker.distribution.manifest.list.v2+json");
        assertThat(RegistryClients.sha256(index.body())).isEqualTo(listDigest);
        assertThat(new String(index.body(), StandardCharsets.UTF_8)).contains(oneDigest);
        assertThat(List.of(ecr.batchDeleteImage(r -> r.repositoryName("e2e/multi")
                .imageIds(ImageIdentifier.builder().imageDigest(oneDigest).build())).failures().get(0).failureCodeAsString()))
                .containsExactly("ImageReferencedByManifestList");
    }
}
