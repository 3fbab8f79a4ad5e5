package berth.registry.content;

import java.util.List;

/**
 * Why a registry operation was refused, independent of the wire it came in on: the ECR API and the
 * distribution API each render a {@link Failure} with their own error code.
 *
 * @see berth.registry.api.EcrErrors
 * @see berth.registry.oci.OciError
 */
public final class RegistryException extends RuntimeException {
    public enum Failure {
        REPOSITORY_NOT_FOUND,
        MANIFEST_INVALID,
        MANIFEST_UNSUPPORTED,
        /** the manifest names blobs the repository does not have; see {@link #subjects()} */
        LAYERS_MISSING,
        /** the index names manifests the repository does not have; see {@link #subjects()} */
        REFERENCED_IMAGES_MISSING,
        DIGEST_MISMATCH,
        TAG_INVALID,
        TAG_IMMUTABLE,
        IMAGE_ALREADY_EXISTS,
        IMAGE_NOT_FOUND,
        IMAGE_REFERENCED_BY_INDEX,
        ACCESS_DENIED
    }

    private final Failure failure;
    private final List<String> subjects;

    public RegistryException(Failure failure, String message) {
        this(failure, message, List.of());
    }

    public RegistryException(Failure failure, String message, List<String> subjects) {
        super(message, null, false, false);
        this.failure = failure;
        this.subjects = List.copyOf(subjects);
    }

    public Failure failure() {
        return failure;
    }

    /** The digests the failure is about (missing layers or manifests); empty otherwise. */
    public List<String> subjects() {
        return subjects;
    }

    static RegistryException repositoryNotFound(berth.registry.core.RepositoryId id) {
        return new RegistryException(Failure.REPOSITORY_NOT_FOUND, "The repository with name '" + id.name()
                + "' does not exist in the registry with id '" + id.accountId() + "'");
    }
}
