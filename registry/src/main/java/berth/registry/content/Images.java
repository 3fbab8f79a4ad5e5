package berth.registry.content;

import berth.platform.RecordTable.Versioned;
import berth.registry.blob.BlobStore;
import berth.registry.core.Digest;
import berth.registry.core.Image;
import berth.registry.core.ImageTag;
import berth.registry.core.Manifest;
import berth.registry.core.ManifestException;
import berth.registry.core.ManifestParser;
import berth.registry.core.Names;
import berth.registry.core.Repository;
import berth.registry.core.RepositoryId;
import berth.registry.state.RegistryRecords;
import berth.store.Store;
import berth.store.VersionConflict;
import berth.store.Write;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The manifests and tags of repositories, as both the ECR API and the distribution API change them.
 * A manifest is stored only after it parsed, every blob it names is available in its repository
 * with the size it claims, and every manifest an index names is in the repository; the manifest and
 * its tag are written in one commit, together with the replication the push owes (see
 * {@link ReplicationIntake}).
 */
public final class Images {
    private static final int ATTEMPTS = 8;

    private final RegistryRecords records;
    private final BlobStore blobs;
    private final Clock clock;
    private final ReplicationIntake replication;

    public Images(RegistryRecords records, BlobStore blobs, Clock clock, ReplicationIntake replication) {
        this.records = records;
        this.blobs = blobs;
        this.clock = clock;
        this.replication = replication;
    }

    /**
     * @param image the stored image
     * @param created whether this call stored the manifest (false: it was already there)
     * @param tagMoved whether this call pointed the tag at the image
     */
    public record PutOutcome(Image image, boolean created, boolean tagMoved) {}

    /**
     * Verifies and stores a manifest, tagging it when {@code tag} is not empty.
     *
     * @param declaredType the media type the client declared; empty when none
     * @param expected the digest the client addressed the manifest by; empty when it used a tag
     */
    public PutOutcome put(RepositoryId id, byte[] body, String declaredType, String tag, Optional<Digest> expected) {
        Repository repository = repository(id);
        if (!tag.isEmpty() && !Names.validTag(tag)) {
            throw new RegistryException(RegistryException.Failure.TAG_INVALID, "Invalid image tag '" + tag + "'");
        }
        Digest digest = digestOf(body, expected.map(Digest::algorithm).orElse("sha256"));
        if (expected.isPresent() && !expected.get().equals(digest)) {
            throw new RegistryException(RegistryException.Failure.DIGEST_MISMATCH, "The manifest's digest " + digest
                    + " does not match the digest " + expected.get() + " it was pushed with");
        }
        Manifest manifest;
        try {
            manifest = ManifestParser.parse(body, declaredType);
        } catch (ManifestException e) {
            throw new RegistryException(e.reason() == ManifestException.Reason.UNSUPPORTED
                    ? RegistryException.Failure.MANIFEST_UNSUPPORTED : RegistryException.Failure.MANIFEST_INVALID, e.getMessage());
        }
        List<Digest> blobDigests = manifest.blobs().stream().map(d -> d.digest()).distinct().toList();
        try (BlobStore.Pin pin = blobs.pin(blobDigests)) {
            checkBlobs(id, manifest);
            checkChildren(id, manifest);
            for (int attempt = 1; ; attempt++) {
                try {
                    return commit(id, repository, digest, manifest, body, tag);
                } catch (VersionConflict conflict) {
                    if (attempt >= ATTEMPTS) throw conflict;
                    repository = repository(id);
                }
            }
        }
    }

    private PutOutcome commit(RepositoryId id, Repository repository, Digest digest, Manifest manifest, byte[] body,
                              String tag) {
        Optional<Versioned<Image>> existing = records.image(id, digest.toString());
        List<Write> writes = new ArrayList<>();
        Image image = existing.map(Versioned::value).orElseGet(() -> Image.of(digest, manifest, body, clock.instant()));
        if (existing.isEmpty()) writes.add(records.putImage(id, image, Store.ABSENT));
        boolean tagMoved = false;
        if (!tag.isEmpty()) {
            Optional<Versioned<ImageTag>> current = records.tag(id, tag);
            boolean alreadyHere = current.isPresent() && current.get().value().digest().equals(image.digest());
            if (!alreadyHere) {
                if (current.isPresent() && !repository.tagMutability().mayMove(tag)) {
                    throw new RegistryException(RegistryException.Failure.TAG_IMMUTABLE, "The image tag '" + tag
                            + "' already exists in the '" + id.name() + "' repository and cannot be overwritten because the"
                            + " repository is immutable.");
                }
                writes.add(records.putTag(id, new ImageTag(tag, image.digest(), clock.instant()),
                        current.map(Versioned::version).orElse(Store.ABSENT)));
                tagMoved = true;
            }
        }
        if (!writes.isEmpty()) {
            writes.addAll(replication.onPush(id, image.digest()));
            records.store().commit(writes);
        }
        return new PutOutcome(image, existing.isEmpty(), tagMoved);
    }

    private void checkBlobs(RepositoryId id, Manifest manifest) {
        List<String> missing = new ArrayList<>();
        for (var descriptor : manifest.blobs()) {
            String digest = descriptor.digest().toString();
            var link = records.layer(id, digest);
            var blob = blobs.stat(descriptor.digest());
            if (link.isEmpty() || blob.isEmpty()) {
                if (!missing.contains(digest)) missing.add(digest);
            } else if (blob.get().size() != descriptor.size()) {
                throw new RegistryException(RegistryException.Failure.MANIFEST_INVALID, "The manifest gives blob " + digest
                        + " a size of " + descriptor.size() + " bytes; it has " + blob.get().size());
            }
        }
        if (!missing.isEmpty()) {
            throw new RegistryException(RegistryException.Failure.LAYERS_MISSING,
                    "The manifest references blobs the repository does not have: " + String.join(", ", missing), missing);
        }
    }

    private void checkChildren(RepositoryId id, Manifest manifest) {
        List<String> missing = new ArrayList<>();
        for (var entry : manifest.manifests()) {
            String digest = entry.digest().toString();
            var child = records.image(id, digest);
            if (child.isEmpty()) {
                missing.add(digest);
            } else if (child.get().value().size() != entry.size()) {
                throw new RegistryException(RegistryException.Failure.MANIFEST_INVALID, "The index gives manifest " + digest
                        + " a size of " + entry.size() + " bytes; it has " + child.get().value().size());
            }
        }
        if (!missing.isEmpty()) {
            throw new RegistryException(RegistryException.Failure.REFERENCED_IMAGES_MISSING,
                    "The index references manifests the repository does not have: " + String.join(", ", missing), missing);
        }
    }

    /** The image a tag or digest names in the repository. */
    public Optional<Image> resolve(RepositoryId id, String reference) {
        if (Digest.looksLikeDigest(reference)) {
            return records.image(id, reference).map(Versioned::value);
        }
        return records.tag(id, reference).flatMap(t -> records.image(id, t.value().digest())).map(Versioned::value);
    }

    /** The tags naming {@code digest}, sorted. */
    public List<String> tagsOf(RepositoryId id, String digest) {
        return records.tags(id).stream().map(Versioned::value).filter(t -> t.digest().equals(digest))
                .map(ImageTag::tag).sorted().toList();
    }

    /**
     * Deletes a manifest and every tag naming it.
     *
     * @throws RegistryException {@code IMAGE_NOT_FOUND}, or {@code IMAGE_REFERENCED_BY_INDEX} when an
     *     index in the repository names it
     */
    public Image deleteImage(RepositoryId id, String digest) {
        for (int attempt = 1; ; attempt++) {
            Versioned<Image> image = records.image(id, digest).orElseThrow(() -> imageNotFound(id, digest));
            List<String> parents = records.images(id).stream().filter(i -> i.children().contains(digest)).map(Image::digest).toList();
            if (!parents.isEmpty()) {
                throw new RegistryException(RegistryException.Failure.IMAGE_REFERENCED_BY_INDEX, "The image " + digest
                        + " is referenced by the manifest list " + parents.get(0), parents);
            }
            List<Write> writes = new ArrayList<>();
            writes.add(records.deleteImage(id, digest, image.version()));
            writes.add(replication.onDelete(id, digest));
            for (Versioned<ImageTag> tag : records.tags(id)) {
                if (tag.value().digest().equals(digest)) writes.add(records.deleteTag(id, tag.value().tag(), tag.version()));
            }
            try {
                records.store().commit(writes);
                return image.value();
            } catch (VersionConflict conflict) {
                if (attempt >= ATTEMPTS) throw conflict;
            }
        }
    }

    /** Removes a tag; the image it named stays. */
    public ImageTag deleteTag(RepositoryId id, String tag) {
        Versioned<ImageTag> current = records.tag(id, tag)
                .orElseThrow(() -> new RegistryException(RegistryException.Failure.IMAGE_NOT_FOUND,
                        "The image tag '" + tag + "' does not exist in the repository '" + id.name() + "'"));
        records.store().commit(List.of(records.deleteTag(id, tag, current.version())));
        return current.value();
    }

    public Repository repository(RepositoryId id) {
        return records.repository(id).map(Versioned::value).orElseThrow(() -> RegistryException.repositoryNotFound(id));
    }

    static RegistryException imageNotFound(RepositoryId id, String reference) {
        return new RegistryException(RegistryException.Failure.IMAGE_NOT_FOUND, "The image with imageId {"
                + (Digest.looksLikeDigest(reference) ? "imageDigest:'" + reference + "'" : "imageTag:'" + reference + "'")
                + "} does not exist within the repository with name '" + id.name() + "' in the registry with id '"
                + id.accountId() + "'");
    }

    static Digest digestOf(byte[] body, String algorithm) {
        try {
            MessageDigest hash = MessageDigest.getInstance(algorithm.equals("sha512") ? "SHA-512" : "SHA-256");
            return Digest.of(algorithm.equals("sha512") ? "sha512" : "sha256", hash.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
