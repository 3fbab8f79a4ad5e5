package berth.e2e.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.junit5.BerthTest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageReplicationStatus;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.ReplicationDestination;
import software.amazon.awssdk.services.ecr.model.ReplicationRule;
import software.amazon.awssdk.services.ecr.model.RepositoryFilterType;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * Replication as ECR does it: images pushed after PutReplicationConfiguration are copied to the
 * same-named repository in other regions and accounts, into registries whose policy lets the source
 * account in, and pulled from there with that registry's own login.
 */
@BerthTest(reset = BerthTest.Reset.PER_TEST, resetServices = "ecr")
class EcrReplicationTest {
    private static final Pattern PUSHED_DIGEST = Pattern.compile("digest: (sha256:[0-9a-f]{64})");
    private static final String SOURCE = "000000000000";
    private static RegistryClients cleanup;
    private final URI endpoint;
    private final EcrClient ecr;

    EcrReplicationTest(URI endpoint, EcrClient ecr) {
        this.endpoint = endpoint;
        this.ecr = ecr;
    }

    @AfterAll
    static void removeLocalImages() throws Exception {
        if (cleanup != null) cleanup.docker("rmi", "-f", cleanup.host() + "/repl/app:v1");
    }

    private EcrClient client(String accessKey, String region) {
        return EcrClient.builder().endpointOverride(endpoint).region(Region.of(region)).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "test"))).build();
    }

    static String replicationGrant(String destinationAccount, String... actions) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ReplicationAccessCrossAccount\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + SOURCE + ":root\"},\"Action\":[\"" + String.join("\",\"", actions) + "\"],"
                + "\"Resource\":[\"arn:aws:ecr:us-east-1:" + destinationAccount + ":repository/*\"]}]}";
    }

    private void replicate(String prefix, ReplicationDestination... destinations) {
        ecr.putReplicationConfiguration(r -> r.replicationConfiguration(c -> c.rules(ReplicationRule.builder().destinations(destinations)
                .repositoryFilters(f -> f.filter(prefix).filterType(RepositoryFilterType.PREFIX_MATCH)).build())));
    }

    private static ReplicationDestination destination(String region, String registryId) {
        return ReplicationDestination.builder().region(region).registryId(registryId).build();
    }

    /** The image's replication statuses once none is IN_PROGRESS. */
    private List<ImageReplicationStatus> settled(String repo, String digest, int destinations) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            List<ImageReplicationStatus> statuses = ecr.describeImageReplicationStatus(r -> r.repositoryName(repo)
                    .imageId(i -> i.imageDigest(digest))).replicationStatuses();
            assertThat(statuses).hasSize(destinations);
            if (statuses.stream().noneMatch(s -> s.statusAsString().equals("IN_PROGRESS"))) return statuses;
            if (Instant.now().isAfter(deadline)) throw new AssertionError("replication still in progress: " + statuses);
            Thread.sleep(50);
        }
    }

    @Test
    void aDockerPushIsReplicatedToAnotherRegionAndAccountAndPulledFromThereWithTheirLogins() throws Exception {
        try (EcrClient west = client("test", "us-west-2"); EcrClient other = client("111111111111", "us-east-1")) {
            other.putRegistryPolicy(r -> r.policyText(replicationGrant("111111111111", "ecr:CreateRepository", "ecr:ReplicateImage")));
            replicate("repl/", destination("us-west-2", SOURCE), destination("us-east-1", "111111111111"));
            ecr.createRepository(r -> r.repositoryName("repl/app"));
            ecr.createRepository(r -> r.repositoryName("solo/app"));

            RegistryClients source = new RegistryClients(endpoint);
            cleanup = source;
            source.dockerLogin("test");
            String image = source.host() + "/repl/app:v1";
            source.buildImage(image, Map.of("r.bin", 300_000), "echo replicated > /data/marker", 41);
            String localId = source.docker("image", "inspect", "--format", "{{.Id}}", image).ok().stdout().trim();
            Matcher pushed = PUSHED_DIGEST.matcher(source.docker("push", image).ok().stdout());
            assertThat(pushed.find()).isTrue();
            String digest = pushed.group(1);

            assertThat(settled("repl/app", digest, 2)).extracting(s -> s.region() + "/" + s.registryId() + " " + s.statusAsString())
                    .containsExactlyInAnyOrder("us-west-2/" + SOURCE + " COMPLETE", "us-east-1/111111111111 COMPLETE");
            assertThat(west.describeImages(r -> r.repositoryName("repl/app")).imageDetails()).singleElement()
                    .satisfies(d -> assertThat(d.imageTags()).containsExactly("v1"))
                    .satisfies(d -> assertThat(d.imageDigest()).isEqualTo(digest));
            assertThat(other.describeRepositories(r -> r.repositoryNames("repl/app")).repositories().get(0).repositoryArn())
                    .isEqualTo("arn:aws:ecr:us-east-1:111111111111:repository/repl/app");

            source.docker("rmi", image).ok();
            RegistryClients westDocker = new RegistryClients(endpoint);
            westDocker.dockerLogin("test", "us-west-2");
            westDocker.docker("pull", image).ok();
            assertThat(westDocker.docker("image", "inspect", "--format", "{{.Id}}", image).ok().stdout().trim()).isEqualTo(localId);
            assertThat(westDocker.docker("run", "--rm", image, "cat", "/data/marker").ok().stdout()).isEqualTo("replicated\n");
            String otherPassword = source.loginPassword("111111111111", "us-east-1");
            assertThat(source.skopeo("inspect", "--tls-verify=false", "--creds", "AWS:" + otherPassword, "docker://" + image).ok()
                    .stdout()).contains("\"Digest\": \"" + digest + "\"");

            String solo = EcrUploads.pushImage(ecr, "solo/app", "v1", "solo");
            assertThat(ecr.describeImageReplicationStatus(r -> r.repositoryName("solo/app").imageId(i -> i.imageTag("v1")))
                    .replicationStatuses()).as("no rule matches solo/app").isEmpty();
            assertThat(ecr.describeImages(r -> r.repositoryName("solo/app")).imageDetails().get(0).imageDigest()).isEqualTo(solo);
            assertThatThrownBy(() -> west.describeRepositories(r -> r.repositoryNames("solo/app")))
                    .isInstanceOf(RepositoryNotFoundException.class);
        }
    }

    @Test
    void anotherAccountReceivesOnlyWhatItsRegistryPolicyAllows() throws Exception {
        try (EcrClient third = client("222222222222", "us-east-1")) {
            replicate("guarded/", destination("us-east-1", "222222222222"));
            ecr.createRepository(r -> r.repositoryName("guarded/app"));
            String first = EcrUploads.pushImage(ecr, "guarded/app", "v1", "first");
            assertThat(settled("guarded/app", first, 1)).singleElement().satisfies(s -> {
                assertThat(s.statusAsString()).isEqualTo("FAILED");
                assertThat(s.failureCode()).isEqualTo("ACCESS_DENIED");
            });

            third.putRegistryPolicy(r -> r.policyText(replicationGrant("222222222222", "ecr:ReplicateImage")));
            EcrUploads.pushImage(ecr, "guarded/app", "v2", "first");
            assertThat(settled("guarded/app", first, 1).get(0).failureCode()).as("not allowed to create the repository")
                    .isEqualTo("REPOSITORY_NOT_FOUND");

            third.createRepository(r -> r.repositoryName("guarded/app"));
            EcrUploads.pushImage(ecr, "guarded/app", "v3", "first");
            assertThat(settled("guarded/app", first, 1).get(0).statusAsString()).isEqualTo("COMPLETE");
            assertThat(third.describeImages(r -> r.repositoryName("guarded/app")).imageDetails()).singleElement()
                    .satisfies(d -> assertThat(d.imageTags()).containsExactly("v1", "v2", "v3"));

            third.putImageTagMutability(r -> r.repositoryName("guarded/app").imageTagMutability(ImageTagMutability.IMMUTABLE));
            String second = EcrUploads.pushImage(ecr, "guarded/app", "v1", "second");
            assertThat(settled("guarded/app", second, 1)).singleElement()
                    .satisfies(s -> assertThat(s.failureCode()).isEqualTo("IMAGE_TAG_IMMUTABLE"));
            assertThat(third.batchGetImage(r -> r.repositoryName("guarded/app").imageIds(ImageIdentifier.builder().imageTag("v1").build()))
                    .images().get(0).imageId().imageDigest()).isEqualTo(first);
        }
    }
}
