package berth.registry.api;

import berth.aws.AwsException;
import berth.registry.content.RegistryException;
import berth.registry.core.RepositoryId;

/** The error codes ECR answers with; all are client faults with status 400. */
public final class EcrErrors {
    private EcrErrors() {}

    static AwsException invalidParameter(String message) {
        return new AwsException(400, "InvalidParameterException", message);
    }

    static AwsException repositoryNotFound(RepositoryId id) {
        return new AwsException(400, "RepositoryNotFoundException", "The repository with name '" + id.name()
                + "' does not exist in the registry with id '" + id.accountId() + "'");
    }

    static AwsException repositoryAlreadyExists(RepositoryId id) {
        return new AwsException(400, "RepositoryAlreadyExistsException", "The repository with name '" + id.name()
                + "' already exists in the registry with id '" + id.accountId() + "'");
    }

    static AwsException repositoryNotEmpty(RepositoryId id) {
        return new AwsException(400, "RepositoryNotEmptyException", "The repository with name '" + id.name()
                + "' in registry with id '" + id.accountId() + "' cannot be deleted because it still contains images");
    }

    static AwsException lifecyclePolicyNotFound(RepositoryId id) {
        return new AwsException(400, "LifecyclePolicyNotFoundException", "Lifecycle policy does not exist for the repository"
                + " with name '" + id.name() + "' in the registry with id '" + id.accountId() + "'");
    }

    static AwsException previewNotFound(RepositoryId id) {
        return new AwsException(400, "LifecyclePolicyPreviewNotFoundException", "There is no lifecycle policy preview for"
                + " the repository with name '" + id.name() + "' in the registry with id '" + id.accountId() + "'");
    }

    static AwsException repositoryPolicyNotFound(RepositoryId id) {
        return new AwsException(400, "RepositoryPolicyNotFoundException", "Repository policy does not exist for the"
                + " repository with name '" + id.name() + "' in the registry with id '" + id.accountId() + "'");
    }

    static AwsException imageNotFound(RepositoryId id, String digest, String tag) {
        return new AwsException(400, "ImageNotFoundException", "The image with imageId {imageDigest:'" + digest
                + "', imageTag:'" + tag + "'} does not exist within the repository with name '" + id.name()
                + "' in the registry with id '" + id.accountId() + "'");
    }

    static AwsException registryPolicyNotFound(String registryId) {
        return new AwsException(400, "RegistryPolicyNotFoundException", "Registry policy does not exist in the registry with id '"
                + registryId + "'");
    }

    /** A setting refused by its core rules, worded as ECR words a broken constraint. */
    static AwsException from(berth.registry.core.InvalidConfiguration e) {
        return invalidParameter("Invalid parameter at '" + e.member() + "' failed to satisfy constraint: '" + e.getMessage() + "'");
    }

    static AwsException uploadNotFound(RepositoryId id, String uploadId) {
        return new AwsException(400, "UploadNotFoundException", "Upload with upload id '" + uploadId + "' does not exist"
                + " for the repository with name '" + id.name() + "' in the registry with id '" + id.accountId() + "'");
    }

    static AwsException invalidTag(String message) {
        return new AwsException(400, "InvalidTagParameterException", message);
    }

    static AwsException tooManyTags() {
        return new AwsException(400, "TooManyTagsException", "A resource can have at most 50 tags.");
    }

    /** The ECR error for a refusal of the registry's content rules. */
    static AwsException from(RegistryException e) {
        String code = switch (e.failure()) {
            case REPOSITORY_NOT_FOUND -> "RepositoryNotFoundException";
            case MANIFEST_INVALID, MANIFEST_UNSUPPORTED, TAG_INVALID -> "InvalidParameterException";
            case LAYERS_MISSING -> "LayersNotFoundException";
            case REFERENCED_IMAGES_MISSING -> "ReferencedImagesNotFoundException";
            case DIGEST_MISMATCH -> "ImageDigestDoesNotMatchException";
            case TAG_IMMUTABLE -> "ImageTagAlreadyExistsException";
            case IMAGE_ALREADY_EXISTS -> "ImageAlreadyExistsException";
            case IMAGE_NOT_FOUND -> "ImageNotFoundException";
            case IMAGE_REFERENCED_BY_INDEX -> "InvalidParameterException";
            case ACCESS_DENIED -> "AccessDeniedException";
        };
        String message = e.failure() == RegistryException.Failure.MANIFEST_INVALID
                || e.failure() == RegistryException.Failure.MANIFEST_UNSUPPORTED
                ? "Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Invalid JSON syntax' (" + e.getMessage() + ")"
                : e.getMessage();
        return new AwsException(400, code, message);
    }
}
