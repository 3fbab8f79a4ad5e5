package berth.registry.oci;

import berth.platform.RecordTable;
import berth.registry.content.Images;
import berth.registry.core.Descriptor;
import berth.registry.core.Digest;
import berth.registry.core.Image;
import berth.registry.core.ManifestParser;
import berth.registry.core.MediaTypes;
import berth.registry.core.Names;
import berth.registry.core.RepositoryId;
import berth.registry.state.RegistryRecords;
import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/** {@code /v2/<name>/manifests/<reference>}: GET and HEAD with content negotiation, PUT, DELETE. */
final class ManifestEndpoints {
    private final Images images;
    private final RegistryRecords records;

    ManifestEndpoints(Images images, RegistryRecords records) {
        this.images = images;
        this.records = records;
    }

    HttpResponse get(DistributionService.Call call, RepositoryId id, String reference) {
        boolean byDigest = Digest.looksLikeDigest(reference);
        if (byDigest && Digest.parse(reference).isEmpty()) throw OciError.digestInvalid("invalid digest " + reference);
        Image image = images.resolve(id, reference).orElseThrow(() -> notFound(id, reference));
        if (!byDigest) image = negotiate(id, image, accepted(call));
        ResponseHeaders headers = ResponseHeaders.builder(HttpStatus.OK)
                .add(HttpHeaderNames.CONTENT_TYPE, image.mediaType())
                .add("Docker-Content-Digest", image.digest())
                .add(HttpHeaderNames.ETAG, "\"" + image.digest() + "\"")
                .add(DistributionService.API_VERSION_HEADER, DistributionService.API_VERSION)
                .contentLength(image.size())
                .build();
        return call.head() ? HttpResponse.of(headers) : HttpResponse.of(headers, HttpData.wrap(image.manifest()));
    }

    /**
     * The manifest to serve for a tag: the stored one when the client accepts its type; for an index the
     * client cannot read, the entry for linux/amd64 (else the first) it can read, as the reference
     * registry does; otherwise the manifest is unknown in any type the client accepts.
     */
    private Image negotiate(RepositoryId id, Image stored, List<String> accepted) {
        if (accepted.isEmpty() || accepted.contains(stored.mediaType()) || accepted.contains("*/*")) return stored;
        if (MediaTypes.isIndex(stored.mediaType())) {
            List<Descriptor> entries = ManifestParser.parse(stored.manifest(), stored.mediaType()).manifests();
            Optional<Descriptor> chosen = entries.stream().filter(e -> accepted.contains(e.mediaType()))
                    .filter(e -> e.platform().os().equals("linux") && e.platform().architecture().equals("amd64")).findFirst()
                    .or(() -> entries.stream().filter(e -> accepted.contains(e.mediaType())).findFirst());
            if (chosen.isPresent()) {
                return records.image(id, chosen.get().digest().toString()).map(RecordTable.Versioned::value)
                        .orElseThrow(() -> notFound(id, chosen.get().digest().toString()));
            }
        }
        throw new OciError(HttpStatus.NOT_FOUND, "MANIFEST_UNKNOWN", "the manifest is a " + stored.mediaType()
                + ", which the request does not accept (Accept: " + String.join(", ", accepted) + ")").withDetail(stored.digest());
    }

    private static List<String> accepted(DistributionService.Call call) {
        List<String> out = new ArrayList<>();
        for (String header : call.req().headers().getAll(HttpHeaderNames.ACCEPT)) {
            for (String part : header.split(",")) {
                String type = MediaTypes.essence(part);
                if (!type.isEmpty()) out.add(type);
            }
        }
        return out;
    }

    HttpResponse put(DistributionService.Call call, RepositoryId id, String reference) {
        boolean byDigest = Digest.looksLikeDigest(reference);
        Optional<Digest> expected = Optional.empty();
        if (byDigest) {
            expected = Optional.of(Digest.parse(reference).orElseThrow(() -> OciError.digestInvalid("invalid digest " + reference)));
        } else if (!Names.validTag(reference)) {
            throw new OciError(HttpStatus.BAD_REQUEST, "TAG_INVALID", "invalid tag " + reference);
        }
        Optional<Digest> digest = expected;
        String tag = byDigest ? "" : reference;
        String declared = call.req().headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        call.ctx().setMaxRequestLength(ManifestParser.MAX_BYTES);
        return HttpResponse.of(call.req().aggregate().handleAsync((body, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                if (cause instanceof ContentTooLargeException) {
                    return new OciError(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "SIZE_INVALID",
                            "manifests are limited to " + ManifestParser.MAX_BYTES + " bytes").toResponse(false);
                }
                return new OciError(HttpStatus.BAD_REQUEST, "MANIFEST_INVALID", "the manifest could not be read").toResponse(false);
            }
            return DistributionService.guarded(false, () -> stored(id, images.put(id, body.content().array(), declared, tag, digest).image()));
        }, call.ctx().blockingTaskExecutor()));
    }

    private static HttpResponse stored(RepositoryId id, Image image) {
        ResponseHeadersBuilder headers = ResponseHeaders.builder(HttpStatus.CREATED)
                .add(HttpHeaderNames.LOCATION, "/v2/" + id.name() + "/manifests/" + image.digest())
                .add("Docker-Content-Digest", image.digest())
                .add(DistributionService.API_VERSION_HEADER, DistributionService.API_VERSION)
                .contentLength(0);
        if (!image.subject().isEmpty()) headers.add("OCI-Subject", image.subject());
        return HttpResponse.of(headers.build());
    }

    HttpResponse delete(DistributionService.Call call, RepositoryId id, String reference) {
        if (Digest.looksLikeDigest(reference)) {
            if (Digest.parse(reference).isEmpty()) throw OciError.digestInvalid("invalid digest " + reference);
            if (records.image(id, reference).isEmpty()) throw notFound(id, reference);
            images.deleteImage(id, reference);
        } else {
            if (!Names.validTag(reference) || records.tag(id, reference).isEmpty()) throw notFound(id, reference);
            images.deleteTag(id, reference);
        }
        return HttpResponse.of(ResponseHeaders.builder(HttpStatus.ACCEPTED)
                .add(DistributionService.API_VERSION_HEADER, DistributionService.API_VERSION).contentLength(0).build());
    }

    /** MANIFEST_UNKNOWN, or NAME_UNKNOWN when the repository itself does not exist. */
    private OciError notFound(RepositoryId id, String reference) {
        if (records.repository(id).isEmpty()) return OciError.nameUnknown(id);
        return OciError.manifestUnknown(reference);
    }

}
