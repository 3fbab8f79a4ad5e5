package berth.registry.api;

import berth.registry.auth.RegistryTokens;

import berth.aws.AwsException;
import berth.aws.RequestContext;
import berth.registry.auth.HmacRegistryTokens;
import berth.registry.blob.BlobStore;
import berth.registry.content.Layers;
import berth.registry.core.Digest;
import berth.registry.core.RepositoryId;
import software.amazon.awssdk.services.ecr.model.BatchCheckLayerAvailabilityRequest;
import software.amazon.awssdk.services.ecr.model.BatchCheckLayerAvailabilityResponse;
import software.amazon.awssdk.services.ecr.model.CompleteLayerUploadRequest;
import software.amazon.awssdk.services.ecr.model.CompleteLayerUploadResponse;
import software.amazon.awssdk.services.ecr.model.GetDownloadUrlForLayerRequest;
import software.amazon.awssdk.services.ecr.model.GetDownloadUrlForLayerResponse;
import software.amazon.awssdk.services.ecr.model.InitiateLayerUploadRequest;
import software.amazon.awssdk.services.ecr.model.InitiateLayerUploadResponse;
import software.amazon.awssdk.services.ecr.model.Layer;
import software.amazon.awssdk.services.ecr.model.LayerAvailability;
import software.amazon.awssdk.services.ecr.model.LayerFailure;
import software.amazon.awssdk.services.ecr.model.LayerFailureCode;
import software.amazon.awssdk.services.ecr.model.UploadLayerPartRequest;
import software.amazon.awssdk.services.ecr.model.UploadLayerPartResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Layer uploads and downloads through the ECR API: the same blobs and uploads the registry endpoint uses. */
final class LayerApi {
    static final long PART_SIZE = 10L * 1024 * 1024;

    private final Layers layers;
    private final ImageApi imageApi;
    private final HmacRegistryTokens tokens;
    private final Supplier<String> endpoint;

    LayerApi(Layers layers, ImageApi imageApi, HmacRegistryTokens tokens, Supplier<String> endpoint) {
        this.layers = layers;
        this.imageApi = imageApi;
        this.tokens = tokens;
        this.endpoint = endpoint;
    }

    BatchCheckLayerAvailabilityResponse check(BatchCheckLayerAvailabilityRequest request, RequestContext ctx) {
        RepositoryId id = imageApi.existing(ctx, request.registryId(), request.repositoryName());
        List<Layer> found = new ArrayList<>();
        List<LayerFailure> failures = new ArrayList<>();
        for (String text : request.layerDigests()) {
            var digest = Digest.parse(text);
            if (digest.isEmpty()) {
                failures.add(LayerFailure.builder().layerDigest(text).failureCode(LayerFailureCode.INVALID_LAYER_DIGEST)
                        .failureReason("Invalid layer digest").build());
                continue;
            }
            var blob = layers.available(id, digest.get());
            if (blob.isPresent()) {
                found.add(Layer.builder().layerDigest(text).layerAvailability(LayerAvailability.AVAILABLE)
                        .layerSize(blob.get().size()).build());
            } else {
                failures.add(LayerFailure.builder().layerDigest(text).failureCode(LayerFailureCode.MISSING_LAYER_DIGEST)
                        .failureReason("Could not find layer").build());
            }
        }
        return BatchCheckLayerAvailabilityResponse.builder().layers(found).failures(failures).build();
    }

    InitiateLayerUploadResponse initiate(InitiateLayerUploadRequest request, RequestContext ctx) {
        RepositoryId id = imageApi.existing(ctx, request.registryId(), request.repositoryName());
        return InitiateLayerUploadResponse.builder().uploadId(layers.startUpload(id).id()).partSize(PART_SIZE).build();
    }

    UploadLayerPartResponse uploadPart(UploadLayerPartRequest request, RequestContext ctx) {
        RepositoryId id = imageApi.existing(ctx, request.registryId(), request.repositoryName());
        byte[] part = request.layerPartBlob().asByteArrayUnsafe();
        long first = request.partFirstByte();
        long last = request.partLastByte();
        if (first < 0 || last < first || last - first + 1 != part.length) {
            throw invalidPart(id, request.uploadId(), "The part's first and last byte (" + first + "-" + last
                    + ") do not match its length " + part.length, first - 1);
        }
        try {
            var status = layers.append(id, request.uploadId(), first, new java.io.ByteArrayInputStream(part));
            return UploadLayerPartResponse.builder().registryId(id.accountId()).repositoryName(id.name())
                    .uploadId(request.uploadId()).lastByteReceived(status.size() - 1).build();
        } catch (BlobStore.UnknownUpload e) {
            throw EcrErrors.uploadNotFound(id, request.uploadId());
        } catch (BlobStore.OffsetMismatch e) {
            throw invalidPart(id, request.uploadId(), "The part starts at byte " + first + "; the upload has "
                    + e.size() + " bytes, so the next part must start at byte " + e.size(), e.size() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CompleteLayerUploadResponse complete(CompleteLayerUploadRequest request, RequestContext ctx) {
        RepositoryId id = imageApi.existing(ctx, request.registryId(), request.repositoryName());
        List<String> digests = request.layerDigests().stream().distinct().toList();
        if (digests.size() != 1) {
            throw EcrErrors.INVALID_PARAMETER.exception("Invalid parameter at 'layerDigests': exactly one layer digest is expected");
        }
        Digest digest = Digest.parse(digests.get(0)).orElseThrow(() -> EcrErrors.INVALID_PARAMETER.exception(
                "Invalid parameter at 'layerDigests' failed to satisfy constraint: 'Invalid layer digest'"));
        var upload = layers.upload(id, request.uploadId()).orElseThrow(() -> EcrErrors.uploadNotFound(id, request.uploadId()));
        try {
            if (upload.size() == 0) {
                layers.cancel(id, request.uploadId());
                throw EcrErrors.EMPTY_UPLOAD.exception("The specified layer upload does not contain any layer parts.");
            }
            if (layers.available(id, digest).isPresent()) {
                layers.cancel(id, request.uploadId());
                throw EcrErrors.LAYER_ALREADY_EXISTS.exception("The image layer " + digest
                        + " already exists in the repository with name '" + id.name() + "' in the registry with id '"
                        + id.accountId() + "'");
            }
            BlobStore.Completion completion = layers.complete(id, request.uploadId(), digest);
            if (completion instanceof BlobStore.Completion.DigestMismatch mismatch) {
                throw EcrErrors.INVALID_LAYER.exception("The layer digest calculated for the uploaded layer, "
                        + mismatch.actual() + ", does not match the digest " + digest + " specified");
            }
            return CompleteLayerUploadResponse.builder().registryId(id.accountId()).repositoryName(id.name())
                    .uploadId(request.uploadId()).layerDigest(digest.toString()).build();
        } catch (BlobStore.UnknownUpload e) {
            throw EcrErrors.uploadNotFound(id, request.uploadId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    GetDownloadUrlForLayerResponse downloadUrl(GetDownloadUrlForLayerRequest request, RequestContext ctx) {
        RepositoryId id = imageApi.existing(ctx, request.registryId(), request.repositoryName());
        var digest = Digest.parse(request.layerDigest()).orElseThrow(() -> EcrErrors.INVALID_PARAMETER.exception(
                "Invalid parameter at 'layerDigest' failed to satisfy constraint: 'Invalid layer digest'"));
        if (layers.available(id, digest).isEmpty()) {
            throw EcrErrors.LAYERS_NOT_FOUND.exception("The specified layers [" + digest
                    + "] do not exist in the repository with name '" + id.name() + "' in the registry with id '"
                    + id.accountId() + "'");
        }
        String grant = tokens.downloadGrant(id.key(), digest.toString());
        String url = endpoint.get() + "/v2/" + id.name() + "/blobs/" + digest + "?X-Berth-Grant=" + grant;
        return GetDownloadUrlForLayerResponse.builder().downloadUrl(url).layerDigest(digest.toString()).build();
    }

    private static AwsException invalidPart(RepositoryId id, String uploadId, String message, long lastValid) {
        return EcrErrors.INVALID_LAYER_PART.exception(message + " (upload " + uploadId + " of repository '"
                + id.name() + "', last valid byte received: " + lastValid + ")");
    }
}
