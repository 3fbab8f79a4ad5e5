package berth.registry.content;

import static org.assertj.core.api.Assertions.assertThat;

import berth.aws.Scope;
import berth.store.testing.ManualClock;
import berth.registry.blob.FilesystemBlobStore;
import berth.registry.core.Digest;
import berth.registry.core.ImageReplication;
import berth.registry.core.MediaTypes;
import berth.registry.core.RegistryPermissions;
import berth.registry.core.ReplicationConfiguration;
import berth.registry.core.RepositoryId;
import berth.registry.state.RegistryRecords;
import berth.registry.state.RegistrySettings;
import berth.store.Store;
import berth.store.embedded.EmbeddedStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicationRunnerTest {
    static final RepositoryId WEST_APP = new RepositoryId(new Scope("000000000000", "us-west-2"), "app");
    static final RepositoryId OTHER_APP = new RepositoryId(new Scope("111111111111", "us-east-1"), "app");

    @TempDir
    Path dir;
    final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));

    private static void replicateTo(RegistrySettings settings, ReplicationConfiguration.Destination... to) {
        settings.saveReplication(ReplicationConfiguration.of(new Scope("000000000000", "us-east-1"),
                List.of(new ReplicationConfiguration.Rule(List.of(to), List.of()))));
    }

    private static ImageReplication.Status status(RegistrySettings settings, RepositoryId source, String digest, String registry) {
        return settings.imageReplication(source, digest).orElseThrow().value().targets().stream()
                .filter(t -> t.registryId().equals(registry)).findFirst().orElseThrow().status();
    }

    @Test
    void aPushAsksForReplicationInItsOwnCommitSoARestartBeforeTheCopyLosesNothing() throws Exception {
        String digest;
        RepositoryId app;
        try (RegistryFixture registry = new RegistryFixture(dir, clock)) {
            replicateTo(new RegistrySettings(registry.store), new ReplicationConfiguration.Destination("us-west-2", "000000000000"));
            app = registry.repository("app");
            Random random = new Random(7);
            Digest config = registry.push(app, RegistryFixture.random(50, random));
            Digest layer = registry.push(app, RegistryFixture.random(4000, random));
            digest = registry.images.put(app, RegistryFixture.manifest(config, 50, List.of(layer), List.of(4000)), "", "v1",
                    Optional.empty()).image().digest();
        }
        try (Store store = EmbeddedStore.open(dir.resolve("state"))) {
            RegistryRecords records = new RegistryRecords(store);
            RegistrySettings settings = new RegistrySettings(store);
            assertThat(status(settings, app, digest, "000000000000")).isEqualTo(ImageReplication.Status.IN_PROGRESS);
            ReplicationRunner runner = new ReplicationRunner(records, settings, new FilesystemBlobStore(dir.resolve("registry"), clock), clock);
            runner.pass();
            assertThat(status(settings, app, digest, "000000000000")).isEqualTo(ImageReplication.Status.COMPLETE);
            assertThat(records.repository(WEST_APP)).isPresent();
            assertThat(records.image(WEST_APP, digest)).isPresent();
            assertThat(records.tag(WEST_APP, "v1").orElseThrow().value().digest()).isEqualTo(digest);
            assertThat(records.layers(WEST_APP)).hasSize(2);
        }
    }

    @Test
    void anIndexTravelsWithTheManifestsItNamesAndADeletedImageForgetsItsReplication() throws Exception {
        try (RegistryFixture registry = new RegistryFixture(dir, clock)) {
            RegistrySettings settings = new RegistrySettings(registry.store);
            RepositoryId app = registry.repository("app");
            Random random = new Random(9);
            Digest config = registry.push(app, RegistryFixture.random(40, random));
            Digest layer = registry.push(app, RegistryFixture.random(300, random));
            byte[] child = RegistryFixture.manifest(config, 40, List.of(layer), List.of(300));
            String childDigest = registry.images.put(app, child, "", "", Optional.empty()).image().digest();
            replicateTo(settings, new ReplicationConfiguration.Destination("us-east-1", "111111111111"));
            byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[{\"mediaType\":\""
                    + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + childDigest + "\",\"size\":" + child.length
                    + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}").getBytes(StandardCharsets.UTF_8);
            String indexDigest = registry.images.put(app, index, "", "multi", Optional.empty()).image().digest();
            ReplicationRunner runner = new ReplicationRunner(registry.records, settings, registry.blobs, clock);

            runner.pass();
            assertThat(settings.imageReplication(app, indexDigest).orElseThrow().value().targets().get(0).failureCode())
                    .isEqualTo("ACCESS_DENIED");
            assertThat(registry.records.repository(OTHER_APP)).isEmpty();

            settings.savePolicy(RegistryPermissions.of(new Scope("111111111111", "us-east-1"), "{\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":[\"ecr:ReplicateImage\",\"ecr:CreateRepository\"],"
                    + "\"Resource\":\"arn:aws:ecr:us-east-1:111111111111:repository/*\"}]}"));
            registry.images.put(app, index, "", "again", Optional.empty());
            runner.pass();
            assertThat(status(settings, app, indexDigest, "111111111111")).isEqualTo(ImageReplication.Status.COMPLETE);
            assertThat(registry.records.image(OTHER_APP, childDigest)).as("the index's manifest came along").isPresent();
            assertThat(registry.records.tag(OTHER_APP, "multi")).isPresent();
            assertThat(registry.records.tag(OTHER_APP, "again")).isPresent();
            assertThat(registry.records.layers(OTHER_APP)).hasSize(2);

            registry.images.deleteImage(app, indexDigest);
            assertThat(settings.imageReplication(app, indexDigest)).isEmpty();
            assertThat(registry.records.image(OTHER_APP, indexDigest)).as("deletions are not replicated").isPresent();
        }
    }
}
