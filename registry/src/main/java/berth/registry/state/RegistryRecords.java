package berth.registry.state;

import berth.registry.core.Image;
import berth.registry.core.ImageTag;
import berth.registry.core.LayerLink;
import berth.registry.core.Repository;
import berth.registry.core.RepositoryId;
import berth.store.Store;
import berth.store.StoredRecord;
import berth.store.Write;

import java.util.List;
import java.util.Optional;

/**
 * Registry metadata in the store. Keys start with {@code account/region/}; a repository's own
 * records follow its name with a character names cannot contain, so one prefix lists exactly one
 * repository's records:
 * <pre>
 * ecr.repository          account/region/name              {@link Repository}
 * ecr.image               account/region/name@sha256:…     {@link Image} (the manifest and what it references)
 * ecr.tag                 account/region/name:tag          {@link ImageTag}
 * ecr.layer               account/region/name@sha256:…     {@link LayerLink} (a blob available in the repository)
 * ecr.lifecycle-preview   account/region/name              {@link LifecyclePreview}
 * </pre>
 */
public final class RegistryRecords {
    public static final String REPOSITORY = "ecr.repository";
    public static final String IMAGE = "ecr.image";
    public static final String TAG = "ecr.tag";
    public static final String LAYER = "ecr.layer";
    public static final String PREVIEW = "ecr.lifecycle-preview";

    private final Store store;

    public RegistryRecords(Store store) {
        this.store = store;
    }

    /** A value together with the store version it was read at, for compare-and-set writes. */
    public record Versioned<T>(T value, long version) {}

    public Store store() {
        return store;
    }

    public Optional<Versioned<Repository>> repository(RepositoryId id) {
        return read(REPOSITORY, id.key(), Repository.class);
    }

    public List<Repository> repositories(String accountId, String region) {
        return list(REPOSITORY, accountId + "/" + region + "/", Repository.class);
    }

    /** Every repository of every account, for background work. */
    public List<Repository> allRepositories() {
        return list(REPOSITORY, "", Repository.class);
    }

    public Optional<Versioned<Image>> image(RepositoryId id, String digest) {
        return read(IMAGE, imageKey(id, digest), Image.class);
    }

    public List<Image> images(RepositoryId id) {
        return list(IMAGE, id.key() + "@", Image.class);
    }

    /** Every manifest of every repository, for the blob collector's mark phase. */
    public List<Image> allImages() {
        return list(IMAGE, "", Image.class);
    }

    public Optional<Versioned<ImageTag>> tag(RepositoryId id, String tag) {
        return read(TAG, tagKey(id, tag), ImageTag.class);
    }

    public List<Versioned<ImageTag>> tags(RepositoryId id) {
        return store.list(TAG, id.key() + ":").stream()
                .map(r -> new Versioned<>(Records.read(r.value(), ImageTag.class), r.version())).toList();
    }

    public Optional<Versioned<LayerLink>> layer(RepositoryId id, String digest) {
        return read(LAYER, imageKey(id, digest), LayerLink.class);
    }

    public List<Versioned<LayerLink>> layers(RepositoryId id) {
        return store.list(LAYER, id.key() + "@").stream()
                .map(r -> new Versioned<>(Records.read(r.value(), LayerLink.class), r.version())).toList();
    }

    /** Every layer link of every repository with its store key, for the blob collector's sweep. */
    public List<StoredRecord> allLayerRecords() {
        return store.list(LAYER, "");
    }

    public Optional<LifecyclePreview> preview(RepositoryId id) {
        return read(PREVIEW, id.key(), LifecyclePreview.class).map(Versioned::value);
    }

    public static Write putRepository(Repository repository, long expectedVersion) {
        return Write.put(REPOSITORY, RepositoryId.of(repository).key(), Records.write(repository), expectedVersion);
    }

    public static Write deleteRepository(RepositoryId id, long expectedVersion) {
        return Write.delete(REPOSITORY, id.key(), expectedVersion);
    }

    public static Write putImage(RepositoryId id, Image image, long expectedVersion) {
        return Write.put(IMAGE, imageKey(id, image.digest()), Records.write(image), expectedVersion);
    }

    public static Write deleteImage(RepositoryId id, String digest, long expectedVersion) {
        return Write.delete(IMAGE, imageKey(id, digest), expectedVersion);
    }

    public static Write putTag(RepositoryId id, ImageTag tag, long expectedVersion) {
        return Write.put(TAG, tagKey(id, tag.tag()), Records.write(tag), expectedVersion);
    }

    public static Write deleteTag(RepositoryId id, String tag, long expectedVersion) {
        return Write.delete(TAG, tagKey(id, tag), expectedVersion);
    }

    public static Write putLayer(RepositoryId id, LayerLink link, long expectedVersion) {
        return Write.put(LAYER, imageKey(id, link.digest()), Records.write(link), expectedVersion);
    }

    public static Write deleteLayer(RepositoryId id, String digest, long expectedVersion) {
        return Write.delete(LAYER, imageKey(id, digest), expectedVersion);
    }

    public static Write putPreview(RepositoryId id, LifecyclePreview preview) {
        return Write.put(PREVIEW, id.key(), Records.write(preview), Store.ANY);
    }

    public static Write deletePreview(RepositoryId id) {
        return Write.delete(PREVIEW, id.key(), Store.ANY);
    }

    /** The digest a layer record's key ends with. */
    public static String digestOfKey(String key) {
        return key.substring(key.lastIndexOf('@') + 1);
    }

    private static String imageKey(RepositoryId id, String digest) {
        return id.key() + "@" + digest;
    }

    private static String tagKey(RepositoryId id, String tag) {
        return id.key() + ":" + tag;
    }

    private <T> Optional<Versioned<T>> read(String kind, String key, Class<T> type) {
        return store.get(kind, key).map(r -> new Versioned<>(Records.read(r.value(), type), r.version()));
    }

    private <T> List<T> list(String kind, String prefix, Class<T> type) {
        return store.list(kind, prefix).stream().map(r -> Records.read(r.value(), type)).toList();
    }
}
