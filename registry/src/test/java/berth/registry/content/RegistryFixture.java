package berth.registry.content;

import berth.registry.blob.BlobStore;
import berth.registry.blob.FilesystemBlobStore;
import berth.registry.core.Digest;
import berth.registry.core.MediaTypes;
import berth.registry.core.Repository;
import berth.registry.core.RepositoryId;
import berth.registry.core.TagMutability;
import berth.registry.state.RegistryRecords;
import berth.store.Store;
import berth.store.embedded.EmbeddedStore;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A registry over an embedded store and a filesystem blob store in a temporary directory. */
final class RegistryFixture implements AutoCloseable {
    final Store store;
    final RegistryRecords records;
    final BlobStore blobs;
    final Images images;
    final Layers layers;
    final Clock clock;

    RegistryFixture(Path dir, Clock clock) throws Exception {
        this.clock = clock;
        this.store = EmbeddedStore.open(dir.resolve("state"));
        this.records = new RegistryRecords(store);
        this.blobs = new FilesystemBlobStore(dir.resolve("registry"), clock);
        this.images = new Images(records, blobs, clock, new ReplicationIntake(new berth.registry.state.RegistrySettings(store), clock));
        this.layers = new Layers(records, blobs, clock);
    }

    RepositoryId repository(String name) {
        Repository repository = new Repository("000000000000", "us-east-1", name, Instant.EPOCH, TagMutability.mutable(), false,
                "AES256", "", Map.of(), "", "", Instant.EPOCH);
        store.commit(List.of(records.putRepository(repository, Store.ABSENT)));
        return RepositoryId.of(repository);
    }

    /** Uploads {@code content} into the repository; returns its digest. */
    Digest push(RepositoryId id, byte[] content) throws Exception {
        Digest digest = Digest.sha256(MessageDigest.getInstance("SHA-256").digest(content));
        var upload = layers.startUpload(id);
        layers.append(id, upload.id(), 0, new ByteArrayInputStream(content));
        layers.complete(id, upload.id(), digest);
        return digest;
    }

    static byte[] random(int size, Random random) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    static byte[] manifest(Digest config, int configSize, List<Digest> layers, List<Integer> sizes) {
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config + "\",\"size\":"
                + configSize + "},\"layers\":[");
        for (int i = 0; i < layers.size(); i++) {
            if (i > 0) json.append(',');
            json.append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"").append(layers.get(i))
                    .append("\",\"size\":").append(sizes.get(i)).append('}');
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        store.close();
    }
}
