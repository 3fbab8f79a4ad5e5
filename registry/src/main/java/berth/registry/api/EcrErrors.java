package berth.registry.api;

import berth.aws.AwsException;
import berth.aws.ErrorCode;
import berth.registry.content.RegistryException;
import berth.registry.core.InvalidConfiguration;
import berth.registry.core.RepositoryId;

/** The error codes ECR answers with (all client faults with status 400), and the messages used in more than one place. */
enum EcrErrors implements ErrorCode {
    ACCESS_DENIED("AccessDeniedException"),
    EMPTY_UPLOAD("EmptyUploadException"),
    IMAGE_ALREADY_EXISTS("ImageAlreadyExistsException"),
    IMAGE_DIGEST_DOES_NOT_MATCH("ImageDigestDoesNotMatchException"),
    IMAGE_NOT_FOUND("ImageNotFoundException"),
    IMAGE_TAG_ALREADY_EXISTS("ImageTagAlreadyExistsException"),
    INVALID_LAYER("InvalidLayerException"),
    INVALID_LAYER_PART("InvalidLayerPartException"),
    INVALID_PARAMETER("InvalidParameterException"),
    INVALID_TAG_PARAMETER("InvalidTagParameterException"),
    LAYER_ALREADY_EXISTS("LayerAlreadyExistsException"),
    LAYERS_NOT_FOUND("LayersNotFoundException"),
    LIFECYCLE_POLICY_NOT_FOUND("LifecyclePolicyNotFoundException"),
    LIFECYCLE_POLICY_PREVIEW_NOT_FOUND("LifecyclePolicyPreviewNotFoundException"),
    REFERENCED_IMAGES_NOT_FOUND("ReferencedImagesNotFoundException"),
    REGISTRY_POLICY_NOT_FOUND("RegistryPolicyNotFoundException"),
    REPOSITORY_ALREADY_EXISTS("RepositoryAlreadyExistsException"),
    REPOSITORY_NOT_EMPTY("RepositoryNotEmptyException"),
    REPOSITORY_NOT_FOUND("RepositoryNotFoundException"),
    REPOSITORY_POLICY_NOT_FOUND("RepositoryPolicyNotFoundException"),
    TOO_MANY_TAGS("TooManyTagsException"),
    UPLOAD_NOT_FOUND("UploadNotFoundException");

    private final String code;

    EcrErrors(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    static AwsException repositoryNotFound(RepositoryId id) {
        return REPOSITORY_NOT_FOUND.exception("The repository with name '" + id.name()
                + "' does not exist in the registry with id '" + id.accountId() + "'");
    }

    static AwsException lifecyclePolicyNotFound(RepositoryId id) {
        return LIFECYCLE_POLICY_NOT_FOUND.exception("Lifecycle policy does not exist for the repository"
                + " with name '" + id.name() + "' in the registry with id '" + id.accountId() + "'");
    }

    static AwsException repositoryPolicyNotFound(RepositoryId id) {
        return REPOSITORY_POLICY_NOT_FOUND.exception("Repository policy does not exist for the"
                + " repository with name '" + id.name() + "' in the registry with id '" + id.accountId() + "'");
    }

    static AwsException registryPolicyNotFound(String registryId) {
        return REGISTRY_POLICY_NOT_FOUND.exception("Registry policy does not exist in the registry with id '" + registryId + "'");
    }

    static AwsException uploadNotFound(RepositoryId id, String uploadId) {
        return UPLOAD_NOT_FOUND.exception("Upload with upload id '" + uploadId + "' does not exist"
                + " for the repository with name '" + id.name() + "' in the registry with id '" + id.accountId() + "'");
    }

    static AwsException tooManyTags() {
        return TOO_MANY_TAGS.exception("A resource can have at most 50 tags.");
    }

    /** A setting refused by its core rules, worded as ECR words a broken constraint. */
    static AwsException of(InvalidConfiguration e) {
        return INVALID_PARAMETER.exception("Invalid parameter at '" + e.member() + "' failed to satisfy constraint: '"
                + e.getMessage() + "'");
    }

    /** The ECR error for a refusal of the registry's content rules. */
    static AwsException of(RegistryException e) {
        EcrErrors error = switch (e.failure()) {
            case REPOSITORY_NOT_FOUND -> REPOSITORY_NOT_FOUND;
            case MANIFEST_INVALID, MANIFEST_UNSUPPORTED, TAG_INVALID, IMAGE_REFERENCED_BY_INDEX -> INVALID_PARAMETER;
            case LAYERS_MISSING -> LAYERS_NOT_FOUND;
            case REFERENCED_IMAGES_MISSING -> REFERENCED_IMAGES_NOT_FOUND;
            case DIGEST_MISMATCH -> IMAGE_DIGEST_DOES_NOT_MATCH;
            case TAG_IMMUTABLE -> IMAGE_TAG_ALREADY_EXISTS;
            case IMAGE_ALREADY_EXISTS -> IMAGE_ALREADY_EXISTS;
            case IMAGE_NOT_FOUND -> IMAGE_NOT_FOUND;
            case ACCESS_DENIED -> ACCESS_DENIED;
        };
        String message = e.failure() == RegistryException.Failure.MANIFEST_INVALID
                || e.failure() == RegistryException.Failure.MANIFEST_UNSUPPORTED
                ? "Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Invalid JSON syntax' (" + e.getMessage() + ")"
                : e.getMessage();
        return error.exception(message);
    }
}
