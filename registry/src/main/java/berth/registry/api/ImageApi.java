package berth.registry.api;

import berth.aws.RequestContext;
import berth.aws.paging.Page;
import berth.registry.content.Images;
import berth.registry.content.RegistryException;
import berth.registry.core.Digest;
import berth.registry.core.Image;
import berth.registry.core.ImageTag;
import berth.registry.core.MediaTypes;
import berth.registry.core.RepositoryId;
import berth.registry.state.RegistryRecords;
import software.amazon.awssdk.services.ecr.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ecr.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ListImagesRequest;
import software.amazon.awssdk.services.ecr.model.ListImagesResponse;
import software.amazon.awssdk.services.ecr.model.PutImageRequest;
import software.amazon.awssdk.services.ecr.model.PutImageResponse;
import software.amazon.awssdk.services.ecr.model.TagStatus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** ListImages, DescribeImages, PutImage; see {@link ImageBatchApi} for the batch operations. */
final class ImageApi {
    private final RegistryRecords records;
    private final Images images;
    private final Targets targets;

    ImageApi(RegistryRecords records, Images images, Targets targets) {
        this.records = records;
        this.images = images;
        this.targets = targets;
    }

    /** An image of a repository with its tags, as ListImages and DescribeImages see it. */
    record Listed(Image image, List<String> tags) {}

    ListImagesResponse list(ListImagesRequest request, RequestContext ctx) {
        RepositoryId id = existing(ctx, request.registryId(), request.repositoryName());
        TagStatus status = request.filter() == null || request.filter().tagStatus() == null ? TagStatus.ANY : request.filter().tagStatus();
        boolean archivedOnly = request.filter() != null && "ARCHIVED".equals(request.filter().imageStatusAsString());
        List<ImageIdentifier> ids = new ArrayList<>();
        for (Listed listed : archivedOnly ? List.<Listed>of() : listed(id)) {
            if (listed.tags().isEmpty()) {
                if (status != TagStatus.TAGGED) ids.add(ImageIdentifier.builder().imageDigest(listed.image().digest()).build());
            } else if (status != TagStatus.UNTAGGED) {
                listed.tags().forEach(t -> ids.add(ImageIdentifier.builder().imageDigest(listed.image().digest()).imageTag(t).build()));
            }
        }
        Page<ImageIdentifier> page = Page.of(ids, request.nextToken(), request.maxResults(), 100, 1000,
                i -> i.imageDigest() + "|" + (i.imageTag() == null ? "" : i.imageTag()));
        return ListImagesResponse.builder().imageIds(page.items()).nextToken(page.nextToken().orElse(null)).build();
    }

    DescribeImagesResponse describe(DescribeImagesRequest request, RequestContext ctx) {
        RepositoryId id = existing(ctx, request.registryId(), request.repositoryName());
        List<Listed> all = listed(id);
        Map<String, Listed> byDigest = new HashMap<>();
        all.forEach(l -> byDigest.put(l.image().digest(), l));
        if (!request.imageIds().isEmpty()) {
            if (request.nextToken() != null || request.maxResults() != null) {
                throw EcrErrors.INVALID_PARAMETER.exception("Invalid parameter: maxResults and nextToken cannot be used with imageIds");
            }
            List<ImageDetail> details = new ArrayList<>();
            for (ImageIdentifier wanted : request.imageIds()) {
                Listed found = find(id, wanted, byDigest);
                if (details.stream().noneMatch(d -> d.imageDigest().equals(found.image().digest()))) {
                    details.add(detail(id, found, byDigest));
                }
            }
            return DescribeImagesResponse.builder().imageDetails(details).build();
        }
        TagStatus status = request.filter() == null || request.filter().tagStatus() == null ? TagStatus.ANY : request.filter().tagStatus();
        boolean archivedOnly = request.filter() != null && "ARCHIVED".equals(request.filter().imageStatusAsString());
        List<Listed> chosen = archivedOnly ? List.of() : all.stream()
                .filter(l -> status == TagStatus.ANY || (status == TagStatus.TAGGED) != l.tags().isEmpty()).toList();
        Page<Listed> page = Page.of(chosen, request.nextToken(), request.maxResults(), 100, 1000, l -> l.image().digest());
        return DescribeImagesResponse.builder()
                .imageDetails(page.items().stream().map(l -> detail(id, l, byDigest)).toList())
                .nextToken(page.nextToken().orElse(null)).build();
    }

    PutImageResponse put(PutImageRequest request, RequestContext ctx) {
        RepositoryId id = targets.repository(ctx, request.registryId(), request.repositoryName());
        String tag = request.imageTag() == null ? "" : request.imageTag();
        Optional<Digest> expected = Optional.empty();
        if (request.imageDigest() != null) {
            expected = Optional.of(Digest.parse(request.imageDigest()).orElseThrow(() -> EcrErrors.INVALID_PARAMETER.exception(
                    "Invalid parameter at 'imageDigest' failed to satisfy constraint: 'Invalid digest'")));
        }
        String declared = request.imageManifestMediaType() == null ? "" : request.imageManifestMediaType();
        if (!declared.isEmpty() && !MediaTypes.ALL.contains(MediaTypes.essence(declared))) {
            throw EcrErrors.INVALID_PARAMETER.exception("Invalid parameter at 'imageManifestMediaType': unsupported media type " + declared);
        }
        byte[] body = request.imageManifest().getBytes(StandardCharsets.UTF_8);
        Images.PutOutcome outcome;
        try {
            outcome = images.put(id, body, declared, tag, expected);
        } catch (RegistryException e) {
            if (e.failure() == RegistryException.Failure.LAYERS_MISSING) {
                throw EcrErrors.LAYERS_NOT_FOUND.exception("Layers with digests '" + e.subjects()
                        + "' required for pushing image into repository with name '" + id.name()
                        + "' in the registry with id '" + id.accountId() + "' do not exist");
            }
            throw EcrErrors.of(e);
        }
        if (!outcome.created() && !outcome.tagMoved()) {
            throw EcrErrors.IMAGE_ALREADY_EXISTS.exception("Image with digest '" + outcome.image().digest()
                    + "'" + (tag.isEmpty() ? "" : " and tag '" + tag + "'") + " already exists in the repository with name '"
                    + id.name() + "' in registry with id '" + id.accountId() + "'");
        }
        Image image = outcome.image();
        return PutImageResponse.builder().image(software.amazon.awssdk.services.ecr.model.Image.builder()
                .registryId(id.accountId()).repositoryName(id.name())
                .imageId(ImageIdentifier.builder().imageDigest(image.digest()).imageTag(tag.isEmpty() ? null : tag).build())
                .imageManifest(new String(image.manifest(), StandardCharsets.UTF_8))
                .imageManifestMediaType(image.mediaType()).build()).build();
    }

    /** The repository, checked to exist and to be open to the caller. */
    RepositoryId existing(RequestContext ctx, String registryId, String name) {
        return targets.repository(ctx, registryId, name);
    }

    List<Listed> listed(RepositoryId id) {
        Map<String, List<String>> tags = new HashMap<>();
        for (var tag : records.tags(id)) {
            ImageTag t = tag.value();
            tags.computeIfAbsent(t.digest(), k -> new ArrayList<>()).add(t.tag());
        }
        return records.images(id).stream()
                .map(i -> new Listed(i, tags.getOrDefault(i.digest(), List.of()).stream().sorted().toList())).toList();
    }

    /** The image {@code wanted} names (by digest, tag, or both), or ImageNotFoundException. */
    Listed find(RepositoryId id, ImageIdentifier wanted) {
        Map<String, Listed> byDigest = new HashMap<>();
        listed(id).forEach(l -> byDigest.put(l.image().digest(), l));
        return find(id, wanted, byDigest);
    }

    private Listed find(RepositoryId id, ImageIdentifier wanted, Map<String, Listed> byDigest) {
        Listed found = null;
        if (wanted.imageDigest() != null) {
            found = byDigest.get(wanted.imageDigest());
            if (found != null && wanted.imageTag() != null && !found.tags().contains(wanted.imageTag())) found = null;
        } else if (wanted.imageTag() != null) {
            found = records.tag(id, wanted.imageTag()).map(t -> byDigest.get(t.value().digest())).orElse(null);
        }
        if (found == null) {
            throw EcrErrors.IMAGE_NOT_FOUND.exception("The image with imageId {imageDigest:'" + wanted.imageDigest()
                    + "', imageTag:'" + wanted.imageTag() + "'} does not exist within the repository with name '" + id.name()
                    + "' in the registry with id '" + id.accountId() + "'");
        }
        return found;
    }

    private static ImageDetail detail(RepositoryId id, Listed listed, Map<String, Listed> byDigest) {
        Image image = listed.image();
        long size = image.children().isEmpty() ? image.imageSize()
                : image.children().stream().map(byDigest::get).filter(java.util.Objects::nonNull)
                        .mapToLong(l -> l.image().imageSize()).sum();
        var builder = ImageDetail.builder()
                .registryId(id.accountId()).repositoryName(id.name())
                .imageDigest(image.digest())
                .imageSizeInBytes(size)
                .imagePushedAt(image.pushedAt())
                .imageManifestMediaType(image.mediaType())
                .imageStatus("ACTIVE");
        if (!listed.tags().isEmpty()) builder.imageTags(listed.tags());
        if (!image.configMediaType().isEmpty()) builder.artifactMediaType(image.configMediaType());
        if (!image.subject().isEmpty()) builder.subjectManifestDigest(image.subject());
        return builder.build();
    }
}
