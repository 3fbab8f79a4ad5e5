package berth.registry.blob;

import static org.assertj.core.api.Assertions.assertThat;

import berth.registry.core.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filesystem adapter runs the blob store contract, plus its on-disk layout. */
class FilesystemBlobStoreTest extends BlobStoreContract {
    @TempDir
    Path root;

    @Override
    protected BlobStore freshStore() throws Exception {
        return new FilesystemBlobStore(root, clock);
    }

    @Override
    protected BlobStore reopenedStore() throws Exception {
        return new FilesystemBlobStore(root, clock);
    }

    @Test
    void blobsLiveUnderTheirDigestAndUploadsUnderTheirId() throws Exception {
        Digest digest = put(random(1234, 42));
        Path file = root.resolve("blobs/sha256").resolve(digest.hex().substring(0, 2)).resolve(digest.hex());
        assertThat(file).exists().hasSize(1234);
        assertThat(Files.list(root.resolve("uploads"))).isEmpty();

        BlobStore store = freshStore();
        var upload = store.startUpload("a/b/c");
        assertThat(root.resolve("uploads").resolve(upload.id()).resolve("data")).exists();
        assertThat(store.upload(upload.id()).orElseThrow().owner()).isEqualTo("a/b/c");
    }
}
