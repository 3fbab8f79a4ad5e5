package berth.registry.api;

import berth.aws.RequestContext;
import berth.registry.content.Images;
import berth.registry.content.RegistryException;
import berth.registry.core.Digest;
import berth.registry.core.Image;
import berth.registry.core.MediaTypes;
import berth.registry.core.Names;
import berth.registry.core.RepositoryId;
import berth.registry.state.RegistryRecords;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageRequest;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageResponse;
import software.amazon.awssdk.services.ecr.model.BatchGetImageRequest;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.ImageFailure;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** BatchGetImage and BatchDeleteImage: per-image outcomes, failures reported beside successes. */
final class ImageBatchApi {
    private final RegistryRecords records;
    private final Images images;
    private final ImageApi imageApi;

    ImageBatchApi(RegistryRecords records, Images images, ImageApi imageApi) {
        this.records = records;
        this.images = images;
        this.imageApi = imageApi;
    }

    /** An identifier resolved to an image, or the reason it could not be. */
    private sealed interface Resolution {
        record Found(Image image) implements Resolution {}

        record Failed(ImageFailure failure) implements Resolution {}
    }

    BatchGetImageResponse get(BatchGetImageRequest request, RequestContext ctx) {
        RepositoryId id = imageApi.existing(ctx, request.registryId(), request.repositoryName());
        Set<String> accepted = Set.copyOf(request.acceptedMediaTypes().stream().map(MediaTypes::essence).toList());
        List<software.amazon.awssdk.services.ecr.model.Image> found = new ArrayList<>();
        List<ImageFailure> failures = new ArrayList<>();
        for (ImageIdentifier wanted : request.imageIds()) {
            switch (resolve(id, wanted)) {
                case Resolution.Failed failed -> failures.add(failed.failure());
                case Resolution.Found(Image image) -> {
                    if (!accepted.isEmpty() && !accepted.contains(image.mediaType())) {
                        failures.add(failure(wanted, ImageFailureCode.IMAGE_NOT_FOUND,
                                "Requested image not found in any of the accepted media types"));
                    } else {
                        found.add(software.amazon.awssdk.services.ecr.model.Image.builder()
                                .registryId(id.accountId()).repositoryName(id.name())
                                .imageId(ImageIdentifier.builder().imageDigest(image.digest()).imageTag(wanted.imageTag()).build())
                                .imageManifest(new String(image.manifest(), StandardCharsets.UTF_8))
                                .imageManifestMediaType(image.mediaType()).build());
                    }
                }
            }
        }
        return BatchGetImageResponse.builder().images(found).failures(failures).build();
    }

    BatchDeleteImageResponse delete(BatchDeleteImageRequest request, RequestContext ctx) {
        RepositoryId id = imageApi.existing(ctx, request.registryId(), request.repositoryName());
        List<ImageIdentifier> deleted = new ArrayList<>();
        List<ImageFailure> failures = new ArrayList<>();
        for (ImageIdentifier wanted : request.imageIds()) {
            switch (resolve(id, wanted)) {
                case Resolution.Failed failed -> failures.add(failed.failure());
                case Resolution.Found(Image image) -> {
                    try {
                        if (wanted.imageDigest() == null) {
                            images.deleteTag(id, wanted.imageTag());
                            if (images.tagsOf(id, image.digest()).isEmpty()) images.deleteImage(id, image.digest());
                            deleted.add(ImageIdentifier.builder().imageDigest(image.digest()).imageTag(wanted.imageTag()).build());
                        } else {
                            List<String> tags = images.tagsOf(id, image.digest());
                            images.deleteImage(id, image.digest());
                            if (tags.isEmpty()) deleted.add(ImageIdentifier.builder().imageDigest(image.digest()).build());
                            tags.forEach(t -> deleted.add(ImageIdentifier.builder().imageDigest(image.digest()).imageTag(t).build()));
                        }
                    } catch (RegistryException e) {
                        ImageFailureCode code = e.failure() == RegistryException.Failure.IMAGE_REFERENCED_BY_INDEX
                                ? ImageFailureCode.IMAGE_REFERENCED_BY_MANIFEST_LIST : ImageFailureCode.IMAGE_NOT_FOUND;
                        failures.add(failure(wanted, code, e.getMessage()));
                    }
                }
            }
        }
        return BatchDeleteImageResponse.builder().imageIds(deleted).failures(failures).build();
    }

    private Resolution resolve(RepositoryId id, ImageIdentifier wanted) {
        String digest = wanted.imageDigest();
        String tag = wanted.imageTag();
        if (digest == null && tag == null) {
            return new Resolution.Failed(failure(wanted, ImageFailureCode.MISSING_DIGEST_AND_TAG,
                    "Invalid request parameters: both tag and digest cannot be null"));
        }
        if (digest != null && Digest.parse(digest).isEmpty()) {
            return new Resolution.Failed(failure(wanted, ImageFailureCode.INVALID_IMAGE_DIGEST, "Invalid image digest"));
        }
        if (tag != null && !Names.validTag(tag)) {
            return new Resolution.Failed(failure(wanted, ImageFailureCode.INVALID_IMAGE_TAG, "Invalid image tag"));
        }
        Image image;
        if (tag != null) {
            var tagged = records.tag(id, tag);
            if (tagged.isEmpty()) {
                return new Resolution.Failed(failure(wanted, ImageFailureCode.IMAGE_NOT_FOUND, "Requested image not found"));
            }
            if (digest != null && !tagged.get().value().digest().equals(digest)) {
                return new Resolution.Failed(failure(wanted, ImageFailureCode.IMAGE_TAG_DOES_NOT_MATCH_DIGEST,
                        "Invalid request parameters: given tag and digest do not point to the same image"));
            }
            digest = tagged.get().value().digest();
        }
        var stored = records.image(id, digest);
        if (stored.isEmpty()) {
            return new Resolution.Failed(failure(wanted, ImageFailureCode.IMAGE_NOT_FOUND, "Requested image not found"));
        }
        image = stored.get().value();
        return new Resolution.Found(image);
    }

    private static ImageFailure failure(ImageIdentifier id, ImageFailureCode code, String reason) {
        return ImageFailure.builder().imageId(id).failureCode(code).failureReason(reason).build();
    }
}
