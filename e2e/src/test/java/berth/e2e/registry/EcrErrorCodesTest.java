package berth.e2e.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.e2e.AwsCli;
import berth.junit5.BerthTest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyPreviewNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryPolicyNotFoundException;

/**
 * The error each ECR operation answers for a repository, image or policy that is not there, with
 * ECR's code and message, whether the caller owns the registry or names another account's.
 */
@BerthTest
class EcrErrorCodesTest {
    private static final String MISSING = "errors/missing";
    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private final URI endpoint;
    private final EcrClient ecr;

    EcrErrorCodesTest(URI endpoint, EcrClient ecr) {
        this.endpoint = endpoint;
        this.ecr = ecr;
    }

    /** Every operation that names a repository, aimed at {@code MISSING} in {@code registry}'s registry. */
    private static Map<String, Consumer<EcrClient>> operationsOnMissingRepository(String registry) {
        ImageIdentifier tag = ImageIdentifier.builder().imageTag("v1").build();
        String arn = "arn:aws:ecr:us-east-1:" + registry + ":repository/" + MISSING;
        Map<String, Consumer<EcrClient>> ops = new LinkedHashMap<>();
        ops.put("BatchCheckLayerAvailability", c -> c.batchCheckLayerAvailability(r -> r.registryId(registry).repositoryName(MISSING).layerDigests(DIGEST)));
        ops.put("BatchDeleteImage", c -> c.batchDeleteImage(r -> r.registryId(registry).repositoryName(MISSING).imageIds(tag)));
        ops.put("BatchGetImage", c -> c.batchGetImage(r -> r.registryId(registry).repositoryName(MISSING).imageIds(tag)));
        ops.put("CompleteLayerUpload", c -> c.completeLayerUpload(r -> r.registryId(registry).repositoryName(MISSING).uploadId("u").layerDigests(DIGEST)));
        ops.put("DeleteLifecyclePolicy", c -> c.deleteLifecyclePolicy(r -> r.registryId(registry).repositoryName(MISSING)));
        ops.put("DeleteRepository", c -> c.deleteRepository(r -> r.registryId(registry).repositoryName(MISSING)));
        ops.put("DeleteRepositoryPolicy", c -> c.deleteRepositoryPolicy(r -> r.registryId(registry).repositoryName(MISSING)));
        ops.put("DescribeImageReplicationStatus", c -> c.describeImageReplicationStatus(r -> r.registryId(registry).repositoryName(MISSING).imageId(tag)));
        ops.put("DescribeImages", c -> c.describeImages(r -> r.registryId(registry).repositoryName(MISSING).imageIds(tag)));
        ops.put("DescribeRepositories", c -> c.describeRepositories(r -> r.registryId(registry).repositoryNames(MISSING)));
        ops.put("GetDownloadUrlForLayer", c -> c.getDownloadUrlForLayer(r -> r.registryId(registry).repositoryName(MISSING).layerDigest(DIGEST)));
        ops.put("GetLifecyclePolicy", c -> c.getLifecyclePolicy(r -> r.registryId(registry).repositoryName(MISSING)));
        ops.put("GetLifecyclePolicyPreview", c -> c.getLifecyclePolicyPreview(r -> r.registryId(registry).repositoryName(MISSING)));
        ops.put("GetRepositoryPolicy", c -> c.getRepositoryPolicy(r -> r.registryId(registry).repositoryName(MISSING)));
        ops.put("InitiateLayerUpload", c -> c.initiateLayerUpload(r -> r.registryId(registry).repositoryName(MISSING)));
        ops.put("ListImages", c -> c.listImages(r -> r.registryId(registry).repositoryName(MISSING)));
        ops.put("ListTagsForResource", c -> c.listTagsForResource(r -> r.resourceArn(arn)));
        ops.put("PutImage", c -> c.putImage(r -> r.registryId(registry).repositoryName(MISSING).imageManifest("{}")));
        ops.put("PutImageScanningConfiguration", c -> c.putImageScanningConfiguration(r -> r.registryId(registry).repositoryName(MISSING)
                .imageScanningConfiguration(s -> s.scanOnPush(true))));
        ops.put("PutImageTagMutability", c -> c.putImageTagMutability(r -> r.registryId(registry).repositoryName(MISSING)
                .imageTagMutability(ImageTagMutability.IMMUTABLE)));
        ops.put("PutLifecyclePolicy", c -> c.putLifecyclePolicy(r -> r.registryId(registry).repositoryName(MISSING)
                .lifecyclePolicyText("{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":"
                        + "\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}")));
        ops.put("SetRepositoryPolicy", c -> c.setRepositoryPolicy(r -> r.registryId(registry).repositoryName(MISSING).policyText("{}")));
        ops.put("StartLifecyclePolicyPreview", c -> c.startLifecyclePolicyPreview(r -> r.registryId(registry).repositoryName(MISSING)));
        ops.put("TagResource", c -> c.tagResource(r -> r.resourceArn(arn).tags(t -> t.key("k").value("v"))));
        ops.put("UntagResource", c -> c.untagResource(r -> r.resourceArn(arn).tagKeys("k")));
        ops.put("UploadLayerPart", c -> c.uploadLayerPart(r -> r.registryId(registry).repositoryName(MISSING).uploadId("u")
                .partFirstByte(0L).partLastByte(0L).layerPartBlob(SdkBytes.fromByteArray(new byte[1]))));
        return ops;
    }

    private static void assertRepositoryNotFound(Map<String, Consumer<EcrClient>> operations, EcrClient client) {
        operations.forEach((operation, call) -> assertThatThrownBy(() -> call.accept(client)).as(operation)
                .isInstanceOfSatisfying(EcrException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).as(operation).isEqualTo("RepositoryNotFoundException");
                    assertThat(e.awsErrorDetails().errorMessage()).as(operation)
                            .isEqualTo("The repository with name '" + MISSING + "' does not exist in the registry with id '000000000000'");
                }));
    }

    @Test
    void everyOperationOnAMissingRepositoryAnswersRepositoryNotFoundForOwnerAndOtherAccountsAlike() throws Exception {
        assertRepositoryNotFound(operationsOnMissingRepository("000000000000"), ecr);
        try (EcrClient other = EcrClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("111111111111", "test"))).build()) {
            assertRepositoryNotFound(operationsOnMissingRepository("000000000000"), other);
        }
        assertThat(ecr.batchGetRepositoryScanningConfiguration(r -> r.repositoryNames(MISSING)).failures()).singleElement()
                .satisfies(f -> assertThat(f.failureReason()).contains("does not exist in the registry with id '000000000000'"));

        AwsCli.Result cli = AwsCli.installed().get(0).run(endpoint, "test", "test", "ecr", "list-images", "--repository-name", MISSING);
        assertThat(cli.stderr()).contains("RepositoryNotFoundException")
                .contains("The repository with name '" + MISSING + "' does not exist in the registry with id '000000000000'");
        RegistryClients clients = new RegistryClients(endpoint);
        RegistryClients.Result pulled = clients.skopeo("inspect", "--tls-verify=false", "--creds", "AWS:" + clients.loginPassword("test"),
                "docker://" + clients.host() + "/" + MISSING + ":v1");
        assertThat(pulled.exitCode()).isNotZero();
        assertThat(pulled.stderr()).contains("does not exist in the registry with id '000000000000'");
    }

    @Test
    void missingImagesAndPoliciesOfAnExistingRepositoryAnswerTheirOwnNotFoundErrors() throws Exception {
        String repo = "errors/present";
        ecr.createRepository(r -> r.repositoryName(repo));
        EcrUploads.pushImage(ecr, repo, "v1", "present");
        String imageMessage = "The image with imageId {imageDigest:'null', imageTag:'nope'} does not exist within the repository"
                + " with name '" + repo + "' in the registry with id '000000000000'";
        assertThatThrownBy(() -> ecr.describeImages(r -> r.repositoryName(repo).imageIds(i -> i.imageTag("nope"))))
                .isInstanceOf(ImageNotFoundException.class).hasMessageStartingWith(imageMessage);
        assertThatThrownBy(() -> ecr.describeImageReplicationStatus(r -> r.repositoryName(repo).imageId(i -> i.imageTag("nope"))))
                .isInstanceOf(ImageNotFoundException.class).hasMessageStartingWith(imageMessage);
        assertThat(ecr.describeImageReplicationStatus(r -> r.repositoryName(repo).imageId(i -> i.imageTag("v1"))).imageId().imageDigest())
                .startsWith("sha256:");

        String lifecycleMessage = "Lifecycle policy does not exist for the repository with name '" + repo
                + "' in the registry with id '000000000000'";
        assertThatThrownBy(() -> ecr.getLifecyclePolicy(r -> r.repositoryName(repo)))
                .isInstanceOf(LifecyclePolicyNotFoundException.class).hasMessageStartingWith(lifecycleMessage);
        assertThatThrownBy(() -> ecr.deleteLifecyclePolicy(r -> r.repositoryName(repo)))
                .isInstanceOf(LifecyclePolicyNotFoundException.class).hasMessageStartingWith(lifecycleMessage);
        assertThatThrownBy(() -> ecr.startLifecyclePolicyPreview(r -> r.repositoryName(repo)))
                .isInstanceOf(LifecyclePolicyNotFoundException.class).hasMessageStartingWith(lifecycleMessage);
        assertThatThrownBy(() -> ecr.getLifecyclePolicyPreview(r -> r.repositoryName(repo)))
                .isInstanceOf(LifecyclePolicyPreviewNotFoundException.class);
        String policyMessage = "Repository policy does not exist for the repository with name '" + repo
                + "' in the registry with id '000000000000'";
        assertThatThrownBy(() -> ecr.getRepositoryPolicy(r -> r.repositoryName(repo)))
                .isInstanceOf(RepositoryPolicyNotFoundException.class).hasMessageStartingWith(policyMessage);
        assertThatThrownBy(() -> ecr.deleteRepositoryPolicy(r -> r.repositoryName(repo)))
                .isInstanceOf(RepositoryPolicyNotFoundException.class).hasMessageStartingWith(policyMessage);
    }
}
