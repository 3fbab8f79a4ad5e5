package berth.registry.oci;

import berth.registry.core.Digest;
import berth.registry.core.Image;
import berth.registry.core.MediaTypes;
import berth.registry.core.Repository;
import berth.registry.core.RepositoryId;
import berth.registry.state.RegistryRecords;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Listings: {@code /v2/_catalog}, {@code /v2/<name>/tags/list}, {@code /v2/<name>/referrers/<digest>}. */
final class ListingEndpoints {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_PAGE = 1000;
    private static final int MAX_PAGE = 10_000;

    private final RegistryRecords records;

    ListingEndpoints(RegistryRecords records) {
        this.records = records;
    }

    HttpResponse catalog(DistributionService.Call call, RegistryAuth.Caller caller) {
        List<String> names = records.repositories(caller.registry()).stream().map(Repository::name).toList();
        Page page = page(call, names);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("repositories");
        page.items().forEach(list::add);
        return json(call, body, page, "/v2/_catalog");
    }

    HttpResponse tags(DistributionService.Call call, RepositoryId id) {
        if (records.repository(id).isEmpty()) throw OciError.nameUnknown(id);
        List<String> tags = records.tags(id).stream().map(t -> t.value().tag()).sorted().toList();
        Page page = page(call, tags);
        ObjectNode body = JSON.createObjectNode().put("name", id.name());
        ArrayNode list = body.putArray("tags");
        page.items().forEach(list::add);
        return json(call, body, page, "/v2/" + id.name() + "/tags/list");
    }

    HttpResponse referrers(DistributionService.Call call, RepositoryId id, String digestText) {
        Digest subject = BlobEndpoints.digest(digestText);
        if (records.repository(id).isEmpty()) throw OciError.nameUnknown(id);
        String artifactType = call.query("artifactType");
        ObjectNode body = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode manifests = body.putArray("manifests");
        for (Image image : records.images(id)) {
            if (!image.subject().equals(subject.toString())) continue;
            if (artifactType != null && !artifactType.equals(image.artifactType())) continue;
            ObjectNode entry = manifests.addObject().put("mediaType", image.mediaType()).put("digest", image.digest())
                    .put("size", image.size());
            if (!image.artifactType().isEmpty()) entry.put("artifactType", image.artifactType());
            if (!image.annotations().isEmpty()) {
                ObjectNode annotations = entry.putObject("annotations");
                image.annotations().forEach(annotations::put);
            }
        }
        ResponseHeadersBuilder headers = ResponseHeaders.builder(HttpStatus.OK)
                .add(HttpHeaderNames.CONTENT_TYPE, MediaTypes.OCI_INDEX)
                .add(DistributionService.API_VERSION_HEADER, DistributionService.API_VERSION);
        if (artifactType != null) headers.add("OCI-Filters-Applied", "artifactType");
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        headers.contentLength(bytes.length);
        return call.head() ? HttpResponse.of(headers.build()) : HttpResponse.of(headers.build(), HttpData.wrap(bytes));
    }

    /** One page of a sorted listing and whether more follow. */
    private record Page(List<String> items, int limit, boolean more) {}

    private static Page page(DistributionService.Call call, List<String> sorted) {
        String n = call.query("n");
        String last = call.query("last");
        int limit = DEFAULT_PAGE;
        if (n != null) {
            try {
                limit = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 0) {
                throw new OciError(HttpStatus.BAD_REQUEST, "PAGINATION_NUMBER_INVALID", "n must be a non-negative integer").withDetail(n);
            }
            limit = Math.min(limit, MAX_PAGE);
        }
        List<String> after = last == null ? sorted : sorted.stream().filter(s -> s.compareTo(last) > 0).toList();
        List<String> items = after.subList(0, Math.min(limit, after.size()));
        return new Page(items, limit, after.size() > items.size() && !items.isEmpty());
    }

    private static HttpResponse json(DistributionService.Call call, ObjectNode body, Page page, String path) {
        ResponseHeadersBuilder headers = ResponseHeaders.builder(HttpStatus.OK).contentType(MediaType.JSON_UTF_8)
                .add(DistributionService.API_VERSION_HEADER, DistributionService.API_VERSION);
        if (page.more()) {
            String lastItem = page.items().get(page.items().size() - 1);
            headers.add(HttpHeaderNames.LINK, "<" + path + "?last=" + URLEncoder.encode(lastItem, StandardCharsets.UTF_8)
                    + "&n=" + page.limit() + ">; rel=\"next\"");
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        headers.contentLength(bytes.length);
        return call.head() ? HttpResponse.of(headers.build()) : HttpResponse.of(headers.build(), HttpData.wrap(bytes));
    }
}
