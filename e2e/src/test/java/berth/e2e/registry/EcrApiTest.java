package berth.e2e.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.e2e.AwsCli;
import berth.e2e.RawAws;
import berth.junit5.BerthTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.InvalidLayerException;
import software.amazon.awssdk.services.ecr.model.InvalidLayerPartException;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.LayersNotFoundException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotEmptyException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryPolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.TagStatus;

/** The ECR API through the AWS SDK for Java v2 and the aws CLI: repositories, layer uploads, images, lifecycle policies. */
@BerthTest
class EcrApiTest {
    private final URI endpoint;
    private final EcrClient ecr;

    EcrApiTest(URI endpoint, EcrClient ecr) {
        this.endpoint = endpoint;
        this.ecr = ecr;
    }

    private String upload(String repo, byte[] content) throws Exception {
        return EcrUploads.upload(ecr, repo, content);
    }

    private static String manifest(String config, String layer, int layerSize, String note) {
        return EcrUploads.manifest(config, layer, layerSize, note);
    }

    @Test
    void repositoriesAreCreatedDescribedTaggedAndDeletedWithEcrsErrors() throws Exception {
        var created = ecr.createRepository(r -> r.repositoryName("api/settings").imageTagMutability(ImageTagMutability.IMMUTABLE)
                .imageScanningConfiguration(s -> s.scanOnPush(true))
                .encryptionConfiguration(e -> e.encryptionType(EncryptionType.KMS).kmsKey("alias/mine"))
                .tags(t -> t.key("team").value("a"))).repository();
        assertThat(created.repositoryUri()).isEqualTo(endpoint.getAuthority() + "/api/settings");
        assertThat(created.repositoryArn()).isEqualTo("arn:aws:ecr:us-east-1:000000000000:repository/api/settings");
        assertThat(created.imageTagMutability()).isEqualTo(ImageTagMutability.IMMUTABLE);
        assertThat(created.imageScanningConfiguration().scanOnPush()).isTrue();
        assertThat(created.encryptionConfiguration().kmsKey()).isEqualTo("alias/mine");
        assertThatThrownBy(() -> ecr.createRepository(r -> r.repositoryName("api/settings"))).isInstanceOf(RepositoryAlreadyExistsException.class);
        assertThatThrownBy(() -> ecr.createRepository(r -> r.repositoryName("Api/Upper"))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecr.describeRepositories(r -> r.repositoryNames("api/none"))).isInstanceOf(RepositoryNotFoundException.class);

        ecr.tagResource(r -> r.resourceArn(created.repositoryArn()).tags(t -> t.key("env").value("prod")));
        ecr.untagResource(r -> r.resourceArn(created.repositoryArn()).tagKeys("team"));
        assertThat(ecr.listTagsForResource(r -> r.resourceArn(created.repositoryArn())).tags())
                .extracting(t -> t.key() + "=" + t.value()).containsExactly("env=prod");

        assertThatThrownBy(() -> ecr.getRepositoryPolicy(r -> r.repositoryName("api/settings"))).isInstanceOf(RepositoryPolicyNotFoundException.class);
        assertThatThrownBy(() -> ecr.setRepositoryPolicy(r -> r.repositoryName("api/settings").policyText("{\"Statement\":[]}")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecr.getLifecyclePolicy(r -> r.repositoryName("api/settings"))).isInstanceOf(LifecyclePolicyNotFoundException.class);

        for (int i = 0; i < 5; i++) {
            String name = "api/page" + i;
            ecr.createRepository(r -> r.repositoryName(name));
        }
        var first = ecr.describeRepositories(r -> r.maxResults(4));
        var second = ecr.describeRepositories(r -> r.maxResults(4).nextToken(first.nextToken()));
        assertThat(first.repositories().size() + second.repositories().size()).isGreaterThanOrEqualTo(6);

        String layer = upload("api/page0", "some layer".getBytes());
        String config = upload("api/page0", "{}".getBytes());
        ecr.putImage(r -> r.repositoryName("api/page0").imageTag("v1").imageManifest(manifest(config, layer, 10, "x")));
        assertThatThrownBy(() -> ecr.deleteRepository(r -> r.repositoryName("api/page0"))).isInstanceOf(RepositoryNotEmptyException.class);
        ecr.deleteRepository(r -> r.repositoryName("api/page0").force(true));
        assertThatThrownBy(() -> ecr.listImages(r -> r.repositoryName("api/page0"))).isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test
    void layersAndImagesThroughTheApiAreVerified() throws Exception {
        ecr.createRepository(r -> r.repositoryName("api/images"));
        byte[] content = RegistryClients.random(100_000, 3);
        String layer = upload("api/images", content);
        String config = upload("api/images", "{}".getBytes());
        String id = ecr.initiateLayerUpload(r -> r.repositoryName("api/images")).uploadId();
        ecr.uploadLayerPart(r -> r.repositoryName("api/images").uploadId(id).partFirstByte(0L).partLastByte(9L)
                .layerPartBlob(SdkBytes.fromByteArray(new byte[10])));
        assertThatThrownBy(() -> ecr.uploadLayerPart(r -> r.repositoryName("api/images").uploadId(id).partFirstByte(5L).partLastByte(14L)
                .layerPartBlob(SdkBytes.fromByteArray(new byte[10])))).isInstanceOf(InvalidLayerPartException.class);
        assertThatThrownBy(() -> ecr.completeLayerUpload(r -> r.repositoryName("api/images").uploadId(id).layerDigests(layer + "")
                .layerDigests("sha256:" + "4".repeat(64)))).isInstanceOf(InvalidLayerException.class);

        var availability = ecr.batchCheckLayerAvailability(r -> r.repositoryName("api/images").layerDigests(layer, "sha256:" + "5".repeat(64)));
        assertThat(availability.layers()).singleElement().satisfies(l -> assertThat(l.layerSize()).isEqualTo(100_000L));
        assertThat(availability.failures()).singleElement().satisfies(f -> assertThat(f.failureCodeAsString()).isEqualTo("MissingLayerDigest"));

        assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName("api/images").imageManifest(
                manifest(config, "sha256:" + "6".repeat(64), 1, "x")))).isInstanceOf(LayersNotFoundException.class);
        assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName("api/images").imageManifest("{not json")))
                .isInstanceOf(InvalidParameterException.class);
        String body = manifest(config, layer, 100_000, "one");
        var put = ecr.putImage(r -> r.repositoryName("api/images").imageTag("v1").imageManifest(body));
        assertThat(put.image().imageId().imageDigest()).isEqualTo(RegistryClients.sha256(body.getBytes()));
        assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName("api/images").imageTag("v1").imageManifest(body)))
                .isInstanceOf(ImageAlreadyExistsException.class);

        var got = ecr.batchGetImage(r -> r.repositoryName("api/images").imageIds(ImageIdentifier.builder().imageTag("v1").build(),
                ImageIdentifier.builder().imageTag("nope").build()));
        assertThat(got.images()).singleElement().satisfies(i -> assertThat(i.imageManifest()).isEqualTo(body));
        assertThat(got.failures()).singleElement().satisfies(f -> assertThat(f.failureCodeAsString()).isEqualTo("ImageNotFound"));
        assertThat(ecr.batchGetImage(r -> r.repositoryName("api/images").acceptedMediaTypes("application/vnd.docker.distribution.manifest.v2+json")
                .imageIds(ImageIdentifier.builder().imageTag("v1").build())).failures()).hasSize(1);

        String url = ecr.getDownloadUrlForLayer(r -> r.repositoryName("api/images").layerDigest(layer)).downloadUrl();
        var download = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.body()).isEqualTo(content);

        var deleted = ecr.batchDeleteImage(r -> r.repositoryName("api/images").imageIds(ImageIdentifier.builder().imageTag("v1").build()));
        assertThat(deleted.imageIds()).singleElement().satisfies(i -> assertThat(i.imageTag()).isEqualTo("v1"));
        assertThat(ecr.listImages(r -> r.repositoryName("api/images")).imageIds()).isEmpty();
    }

    @Test
    void aLifecyclePolicyExpiresUntaggedImagesAndKeepsTheNewestReleases() throws Exception {
        String repo = "api/lifecycle";
        ecr.createRepository(r -> r.repositoryName(repo));
        String layer = upload(repo, "layer".getBytes());
        String config = upload(repo, "{}".getBytes());
        for (int i = 1; i <= 4; i++) {
            String tag = "rel-" + i;
            String body = manifest(config, layer, 5, tag);
            ecr.putImage(r -> r.repositoryName(repo).imageTag(tag).imageManifest(body));
            Thread.sleep(20);
        }
        for (int i = 1; i <= 3; i++) {
            String body = manifest(config, layer, 5, "untagged-" + i);
            ecr.putImage(r -> r.repositoryName(repo).imageManifest(body));
            Thread.sleep(20);
        }
        String newestUntagged = RegistryClients.sha256(manifest(config, layer, 5, "untagged-3").getBytes());
        String policy = "{\"rules\":["
                + "{\"rulePriority\":1,\"description\":\"one untagged image is enough\",\"selection\":{\"tagStatus\":\"untagged\","
                + "\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}},"
                + "{\"rulePriority\":2,\"description\":\"keep two releases\",\"selection\":{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"rel\"],"
                + "\"countType\":\"imageCountMoreThan\",\"countNumber\":2},\"action\":{\"type\":\"expire\"}}]}";
        assertThatThrownBy(() -> ecr.putLifecyclePolicy(r -> r.repositoryName(repo).lifecyclePolicyText("{\"rules\":[{\"rulePriority\":1}]}")))
                .isInstanceOf(InvalidParameterException.class);
        ecr.putLifecyclePolicy(r -> r.repositoryName(repo).lifecyclePolicyText(policy));
        AwsCli.Result fromCli = AwsCli.installed().get(0).run(endpoint, "test", "test", "ecr", "get-lifecycle-policy", "--repository-name", repo);
        assertThat(fromCli.stdout()).contains("keep two releases");

        assertThat(ecr.startLifecyclePolicyPreview(r -> r.repositoryName(repo)).statusAsString()).isEqualTo("COMPLETE");
        var preview = ecr.getLifecyclePolicyPreview(r -> r.repositoryName(repo));
        assertThat(preview.summary().expiringImageTotalCount()).isEqualTo(4);
        assertThat(preview.previewResults()).extracting(p -> p.appliedRulePriority()).containsExactlyInAnyOrder(1, 1, 2, 2);
        assertThat(ecr.listImages(r -> r.repositoryName(repo)).imageIds()).hasSize(7);

        RawAws.Answer applied = new RawAws(endpoint).signed("POST", "/_berth/registry/lifecycle", Map.of(), new byte[0],
                "ecr", "us-east-1", "test", "test");
        assertThat(applied.status()).isEqualTo(200);
        assertThat(ecr.listImages(r -> r.repositoryName(repo).filter(f -> f.tagStatus(TagStatus.TAGGED))).imageIds())
                .extracting(ImageIdentifier::imageTag).containsExactlyInAnyOrder("rel-3", "rel-4");
        assertThat(ecr.listImages(r -> r.repositoryName(repo).filter(f -> f.tagStatus(TagStatus.UNTAGGED))).imageIds())
                .extracting(ImageIdentifier::imageDigest).containsExactly(newestUntagged);
        assertThat(new RawAws(endpoint).signed("POST", "/_berth/registry/lifecycle", Map.of(), new byte[0], "ecr", "us-east-1",
                "111111111111", "wrong").status()).isEqualTo(403);
        ecr.deleteLifecyclePolicy(r -> r.repositoryName(repo));
        assertThat(List.of(ecr.describeImages(r -> r.repositoryName(repo)).imageDetails().size())).containsExactly(3);
    }
}
