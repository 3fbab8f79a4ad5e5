package berth.registry.oci;

import berth.registry.auth.RegistryTokens;

import berth.registry.auth.HmacRegistryTokens;
import berth.registry.blob.BlobStore;
import berth.registry.content.Layers;
import berth.registry.core.Digest;
import berth.registry.core.RepositoryId;
import berth.registry.state.RegistryRecords;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import com.linecorp.armeria.common.stream.ByteStreamMessage;
import com.linecorp.armeria.common.stream.StreamMessage;
import com.linecorp.armeria.server.ServiceRequestContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /v2/<name>/blobs/<digest>}: GET (with byte ranges), HEAD, DELETE; and downloads by signed URL. */
final class BlobEndpoints {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final Layers layers;
    private final RegistryRecords records;

    BlobEndpoints(Layers layers, RegistryRecords records) {
        this.layers = layers;
        this.records = records;
    }

    HttpResponse head(DistributionService.Call call, RepositoryId id, String digestText) {
        Digest digest = digest(digestText);
        BlobStore.BlobInfo blob = layers.available(id, digest).orElseThrow(() -> unknown(id, digestText));
        return HttpResponse.of(headers(HttpStatus.OK, digest).contentLength(blob.size()).build());
    }

    HttpResponse get(DistributionService.Call call, RepositoryId id, String digestText) {
        Digest digest = digest(digestText);
        BlobStore.BlobContent content = layers.content(id, digest).orElseThrow(() -> unknown(id, digestText));
        return send(call.ctx(), digest, content, call.req().headers().get(HttpHeaderNames.RANGE));
    }

    /** A GET authorised by the signed grant of GetDownloadUrlForLayer instead of a login. */
    HttpResponse downloadWithGrant(ServiceRequestContext ctx, Route.Blob route, HmacRegistryTokens tokens) {
        Digest digest = digest(route.digest());
        String grant = ctx.queryParam("X-Berth-Grant");
        String repositoryKey = tokens.downloadableFrom(grant, digest.toString())
                .filter(key -> RepositoryId.ofKey(key).name().equals(route.name()))
                .orElseThrow(() -> OciError.denied("the download URL is invalid or expired"));
        RepositoryId id = RepositoryId.ofKey(repositoryKey);
        BlobStore.BlobContent content = layers.content(id, digest).orElseThrow(() -> unknown(id, route.digest()));
        return send(ctx, digest, content, ctx.request().headers().get(HttpHeaderNames.RANGE));
    }

    HttpResponse delete(DistributionService.Call call, RepositoryId id, String digestText) {
        Digest digest = digest(digestText);
        if (!layers.unlink(id, digest)) throw unknown(id, digestText);
        return HttpResponse.of(ResponseHeaders.builder(HttpStatus.ACCEPTED)
                .add(DistributionService.API_VERSION_HEADER, DistributionService.API_VERSION).contentLength(0).build());
    }

    private static HttpResponse send(ServiceRequestContext ctx, Digest digest, BlobStore.BlobContent content, String range) {
        long size = content.size();
        long offset = 0;
        long length = size;
        HttpStatus status = HttpStatus.OK;
        ResponseHeadersBuilder headers = headers(HttpStatus.OK, digest);
        if (range != null) {
            Matcher m = RANGE.matcher(range.trim());
            long first;
            long last;
            if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
                return unsatisfiable(size);
            } else if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                first = Math.max(0, size - suffix);
                last = size - 1;
            } else {
                first = Long.parseLong(m.group(1));
                last = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
            }
            if (first >= size || last < first) return unsatisfiable(size);
            offset = first;
            length = last - first + 1;
            status = HttpStatus.PARTIAL_CONTENT;
            headers = headers(status, digest).add(HttpHeaderNames.CONTENT_RANGE, "bytes " + first + "-" + last + "/" + size);
        }
        ctx.clearRequestTimeout();
        StreamMessage<HttpData> body;
        if (content.file().isPresent()) {
            body = FileBody.of(content.file().get(), offset, length, ctx.alloc(), ctx.blockingTaskExecutor());
        } else {
            try {
                ByteStreamMessage stream = StreamMessage.of(content.open(0));
                body = offset > 0 || length < size ? stream.range(offset, length) : stream;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return HttpResponse.of(headers.status(status).contentLength(length).build(), body);
    }

    private static HttpResponse unsatisfiable(long size) {
        return HttpResponse.of(ResponseHeaders.builder(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                .add(HttpHeaderNames.CONTENT_RANGE, "bytes */" + size)
                .add(DistributionService.API_VERSION_HEADER, DistributionService.API_VERSION).contentLength(0).build());
    }

    private static ResponseHeadersBuilder headers(HttpStatus status, Digest digest) {
        return ResponseHeaders.builder(status)
                .contentType(MediaType.OCTET_STREAM)
                .add("Docker-Content-Digest", digest.toString())
                .add(HttpHeaderNames.ETAG, "\"" + digest + "\"")
                .add(HttpHeaderNames.ACCEPT_RANGES, "bytes")
                .add(DistributionService.API_VERSION_HEADER, DistributionService.API_VERSION);
    }

    static Digest digest(String text) {
        return Digest.parse(text).orElseThrow(() -> OciError.digestInvalid("invalid digest " + text));
    }

    private OciError unknown(RepositoryId id, String digest) {
        if (records.repository(id).isEmpty()) return OciError.nameUnknown(id);
        return OciError.blobUnknown(digest);
    }
}
