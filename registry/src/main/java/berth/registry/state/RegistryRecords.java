package berth.registry.state;

import berth.aws.Scope;
import berth.platform.RecordJson;
import berth.platform.RecordTable;
import berth.platform.RecordTable.Keyed;
import berth.platform.RecordTable.Versioned;
import berth.registry.core.Image;
import berth.registry.core.ImageTag;
import berth.registry.core.LayerLink;
import berth.registry.core.Repository;
import berth.registry.core.RepositoryId;
import berth.store.Store;
import berth.store.Write;

import java.util.List;
import java.util.Optional;

/**
 * Registry metadata in the store. Keys start with the scope ({@code account/region/}); a
 * repository's own records follow its name with a character names cannot contain, so one prefix
 * lists exactly one repository's records:
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
    private final RecordTable<Repository> repositories;
    private final RecordTable<Image> images;
    private final RecordTable<ImageTag> tags;
    private final RecordTable<LayerLink> layers;
    private final RecordTable<LifecyclePreview> previews;

    public RegistryRecords(Store store) {
        this.store = store;
        this.repositories = new RecordTable<>(store, REPOSITORY, Repository.class, r -> RepositoryId.of(r).key());
        this.images = RecordTable.keyedByOwner(store, IMAGE, RecordJson.STANDARD.codec(Image.class));
        this.tags = RecordTable.keyedByOwner(store, TAG, RecordJson.STANDARD.codec(ImageTag.class));
        this.layers = RecordTable.keyedByOwner(store, LAYER, RecordJson.STANDARD.codec(LayerLink.class));
        this.previews = RecordTable.keyedByOwner(store, PREVIEW, RecordJson.STANDARD.codec(LifecyclePreview.class));
    }

    public Store store() {
        return store;
    }

    public Optional<Versioned<Repository>> repository(RepositoryId id) {
        return repositories.find(id.key());
    }

    public List<Repository> repositories(Scope scope) {
        return repositories.list(scope.prefix());
    }

    /** Every repository of every account, for background work. */
    public List<Repository> allRepositories() {
        return repositories.list("");
    }

    public Optional<Versioned<Image>> image(RepositoryId id, String digest) {
        return images.find(imageKey(id, digest));
    }

    public List<Image> images(RepositoryId id) {
        return images.list(id.key() + "@");
    }

    /** Every manifest of every repository, for the blob collector's mark phase. */
    public List<Image> allImages() {
        return images.list("");
    }

    public Optional<Versioned<ImageTag>> tag(RepositoryId id, String tag) {
        return tags.find(tagKey(id, tag));
    }

    public List<Versioned<ImageTag>> tags(RepositoryId id) {
        return tags.listVersioned(id.key() + ":");
    }

    public Optional<Versioned<LayerLink>> layer(RepositoryId id, String digest) {
        return layers.find(imageKey(id, digest));
    }

    public List<Versioned<LayerLink>> layers(RepositoryId id) {
        return layers.listVersioned(id.key() + "@");
    }

    /** Every layer link of every repository with its store key, for the blob collector's sweep. */
    public List<Keyed<LayerLink>> allLayers() {
        return layers.listKeyed("");
    }

    public Optional<LifecyclePreview> preview(RepositoryId id) {
        return previews.find(id.key()).map(Versioned::value);
    }

    public Write putRepository(Repository repository, long expectedVersion) {
        return repositories.put(repository, expectedVersion);
    }

    public Write deleteRepository(RepositoryId id, long expectedVersion) {
        return repositories.delete(id.key(), expectedVersion);
    }

    public Write putImage(RepositoryId id, Image image, long expectedVersion) {
        return images.put(imageKey(id, image.digest()), image, expectedVersion);
    }

    public Write deleteImage(RepositoryId id, String digest, long expectedVersion) {
        return images.delete(imageKey(id, digest), expectedVersion);
    }

    public Write putTag(RepositoryId id, ImageTag tag, long expectedVersion) {
        return tags.put(tagKey(id, tag.tag()), tag, expectedVersion);
    }

    public Write deleteTag(RepositoryId id, String tag, long expectedVersion) {
        return tags.delete(tagKey(id, tag), expectedVersion);
    }

    public Write putLayer(RepositoryId id, LayerLink link, long expectedVersion) {
        return layers.put(imageKey(id, link.digest()), link, expectedVersion);
    }

    public Write deleteLayer(RepositoryId id, String digest, long expectedVersion) {
        return layers.delete(imageKey(id, digest), expectedVersion);
    }

    /** Deletes a layer link read by {@link #allLayers}, if it is still at the version read. */
    public Write deleteLayer(Keyed<LayerLink> link) {
        return layers.delete(link.key(), link.version());
    }

    public Write putPreview(RepositoryId id, LifecyclePreview preview) {
        return previews.put(id.key(), preview, Store.ANY);
    }

    public Write deletePreview(RepositoryId id) {
        return previews.delete(id.key(), Store.ANY);
    }

    /** The digest a layer record's key ends with. */
    public static String digestOfKey(String key) {
        return key.substring(key.lastIndexOf('@') + 1);
    }

    /** The key of an image (or layer, or image replication) of a repository: {@code account/region/name@digest}. */
    static String imageKey(RepositoryId id, String digest) {
        return id.key() + "@" + digest;
    }

    private static String tagKey(RepositoryId id, String tag) {
        return id.key() + ":" + tag;
    }
}
