package berth.registry.oci;

import berth.registry.blob.BlobStore;
import berth.registry.content.Layers;
import berth.registry.content.RegistryException;
import berth.registry.content.RepositoryAccess;
import berth.registry.core.Digest;
import berth.registry.core.Names;
import berth.registry.core.RepositoryId;
import berth.registry.state.RegistryRecords;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.ResponseHeaders;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blob uploads: {@code POST /v2/<name>/blobs/uploads/} (a session, a monolithic upload with
 * {@code ?digest=}, or a cross-repository mount with {@code ?mount=&from=}), and on
 * {@code /v2/<name>/blobs/uploads/<id>}: PATCH (a chunk, in order, optionally with Content-Range),
 * PUT {@code ?digest=} (the last chunk, if any, then verification), GET (progress) and DELETE. Bodies
 * are streamed to disk, never held in memory.
 */
final class UploadEndpoints {
    private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes[ =])?(\\d+)-(\\d+)(?:/(?:\\d+|\\*))?");

    private final Layers layers;
    private final RegistryRecords records;
    private final RepositoryAccess access;

    UploadEndpoints(Layers layers, RegistryRecords records, RepositoryAccess access) {
        this.layers = layers;
        this.records = records;
        this.access = access;
    }

    HttpResponse start(DistributionService.Call call, RepositoryId id) {
        String mount = call.query("mount");
        String digestParam = call.query("digest");
        if (digestParam != null) {
            Digest digest = BlobEndpoints.digest(digestParam);
            return streamed(call, body -> {
                requireRepository(id);
                BlobStore.UploadStatus upload = layers.startUpload(id);
                append(id, upload.id(), -1, body);
                return complete(id, upload.id(), digest);
            });
        }
        return DistributionService.blocking(call.ctx(), false, () -> {
            requireRepository(id);
            if (mount != null) {
                Optional<HttpResponse> mounted = mount(call, id, mount, call.query("from"));
                if (mounted.isPresent()) return mounted.get();
            }
            return progress(HttpStatus.ACCEPTED, id, layers.startUpload(id));
        });
    }

    private Optional<HttpResponse> mount(DistributionService.Call call, RepositoryId id, String mountParam, String from) {
        Digest digest = BlobEndpoints.digest(mountParam);
        if (from == null || !Names.validRepository(from) || !Route.VALID_NAME.matcher(from).matches()) {
            if (layers.available(id, digest).isEmpty()) return Optional.empty();
            return Optional.of(created(id, digest));
        }
        RepositoryId source = call.caller().repository(from);
        try {
            access.check(call.caller().principal(), source, "ecr:GetDownloadUrlForLayer");
        } catch (RegistryException denied) {
            return Optional.empty();
        }
        return layers.mount(id, source, digest).map(blob -> created(id, digest));
    }

    HttpResponse patch(DistributionService.Call call, RepositoryId id, String uploadId) {
        long start = contentRangeStart(call);
        return streamed(call, body -> {
            BlobStore.UploadStatus status = append(id, uploadId, start, body);
            return progress(HttpStatus.ACCEPTED, id, status);
        });
    }

    HttpResponse finish(DistributionService.Call call, RepositoryId id, String uploadId) {
        String digestParam = call.query("digest");
        if (digestParam == null) throw OciError.digestInvalid("the digest query parameter is required to complete an upload");
        Digest digest = BlobEndpoints.digest(digestParam);
        long start = contentRangeStart(call);
        boolean hasBody = call.req().headers().contentLength() != 0;
        return streamed(call, body -> {
            if (hasBody) append(id, uploadId, start, body);
            return complete(id, uploadId, digest);
        });
    }

    HttpResponse status(DistributionService.Call call, RepositoryId id, String uploadId) {
        BlobStore.UploadStatus status = layers.upload(id, uploadId).orElseThrow(() -> OciError.uploadUnknown(uploadId));
        return progress(HttpStatus.NO_CONTENT, id, status);
    }

    HttpResponse cancel(DistributionService.Call call, RepositoryId id, String uploadId) {
        try {
            layers.cancel(id, uploadId);
        } catch (BlobStore.UnknownUpload e) {
            throw OciError.uploadUnknown(uploadId);
        }
        return HttpResponse.of(ResponseHeaders.builder(HttpStatus.NO_CONTENT)
                .add(DistributionService.API_VERSION_HEADER, DistributionService.API_VERSION).build());
    }

    private BlobStore.UploadStatus append(RepositoryId id, String uploadId, long start, InputStream body) {
        try {
            return layers.append(id, uploadId, start, body);
        } catch (BlobStore.UnknownUpload e) {
            throw OciError.uploadUnknown(uploadId);
        } catch (BlobStore.OffsetMismatch e) {
            throw new OciError(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "BLOB_UPLOAD_INVALID",
                    "the chunk starts at byte " + start + "; the upload has " + e.size() + " bytes")
                    .withHeader("Location", location(id, uploadId))
                    .withHeader("Range", range(e.size()))
                    .withHeader("Docker-Upload-UUID", uploadId);
        } catch (IOException e) {
            throw new OciError(HttpStatus.BAD_REQUEST, "BLOB_UPLOAD_INVALID", "the upload's body could not be read: " + e.getMessage());
        }
    }

    private HttpResponse complete(RepositoryId id, String uploadId, Digest digest) {
        try {
            return switch (layers.complete(id, uploadId, digest)) {
                case BlobStore.Completion.Stored stored -> created(id, digest);
                case BlobStore.Completion.DigestMismatch mismatch -> throw OciError.digestInvalid("the uploaded content has digest "
                        + mismatch.actual() + ", not " + digest + "; the upload was discarded").withDetail(digest.toString());
            };
        } catch (BlobStore.UnknownUpload e) {
            throw OciError.uploadUnknown(uploadId);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long contentRangeStart(DistributionService.Call call) {
        String header = call.req().headers().get(HttpHeaderNames.CONTENT_RANGE);
        if (header == null) return -1;
        Matcher m = CONTENT_RANGE.matcher(header.trim());
        if (!m.matches()) {
            throw new OciError(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "BLOB_UPLOAD_INVALID", "malformed Content-Range " + header);
        }
        long first = Long.parseLong(m.group(1));
        long last = Long.parseLong(m.group(2));
        long length = call.req().headers().contentLength();
        if (last < first || (length >= 0 && length != last - first + 1)) {
            throw new OciError(HttpStatus.BAD_REQUEST, "SIZE_INVALID", "Content-Range " + header
                    + " does not match Content-Length " + length);
        }
        return first;
    }

    /** Runs {@code work} on a blocking thread with the request body as a stream. */
    private static HttpResponse streamed(DistributionService.Call call, BodyConsumer work) {
        call.ctx().clearRequestTimeout();
        InputStream body = call.req().toInputStream(o -> o instanceof HttpData data ? data : HttpData.empty());
        return DistributionService.blocking(call.ctx(), false, () -> {
            try (InputStream in = body) {
                return work.accept(in);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @FunctionalInterface
    private interface BodyConsumer {
        HttpResponse accept(InputStream body) throws IOException;
    }

    private void requireRepository(RepositoryId id) {
        if (records.repository(id).isEmpty()) throw OciError.nameUnknown(id);
    }

    private static HttpResponse created(RepositoryId id, Digest digest) {
        return HttpResponse.of(ResponseHeaders.builder(HttpStatus.CREATED)
                .add(HttpHeaderNames.LOCATION, "/v2/" + id.name() + "/blobs/" + digest)
                .add("Docker-Content-Digest", digest.toString())
                .add(DistributionService.API_VERSION_HEADER, DistributionService.API_VERSION)
                .contentLength(0).build());
    }

    private static HttpResponse progress(HttpStatus status, RepositoryId id, BlobStore.UploadStatus upload) {
        var headers = ResponseHeaders.builder(status)
                .add(HttpHeaderNames.LOCATION, location(id, upload.id()))
                .add("Range", range(upload.size()))
                .add("Docker-Upload-UUID", upload.id())
                .add(DistributionService.API_VERSION_HEADER, DistributionService.API_VERSION);
        if (status != HttpStatus.NO_CONTENT) headers.contentLength(0);
        return HttpResponse.of(headers.build());
    }

    private static String location(RepositoryId id, String uploadId) {
        return "/v2/" + id.name() + "/blobs/uploads/" + uploadId;
    }

    /** The spec's progress range: bytes {@code 0} to the last one received ({@code 0-0} when none yet). */
    private static String range(long size) {
        return "0-" + Math.max(0, size - 1);
    }
}
