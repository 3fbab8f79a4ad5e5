package berth.registry.oci;

import berth.registry.auth.RegistryTokens;

import berth.registry.auth.HmacRegistryTokens;
import berth.registry.content.Images;
import berth.registry.content.Layers;
import berth.registry.content.RegistryException;
import berth.registry.content.RepositoryAccess;
import berth.registry.core.RepositoryId;
import berth.registry.state.RegistryRecords;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The OCI distribution API (v1.1) under {@code /v2/}: authenticates the caller, finds the endpoint,
 * checks the caller may act on the repository, and hands the request to the endpoint's handler on a
 * blocking thread (handlers read the store and the disk). Blob bodies are streamed both ways.
 */
public final class DistributionService implements HttpService {
    static final String API_VERSION_HEADER = "Docker-Distribution-API-Version";
    static final String API_VERSION = "registry/2.0";
    private static final Logger LOG = LoggerFactory.getLogger(DistributionService.class);

    private final RegistryAuth auth;
    private final RepositoryAccess access;
    private final HmacRegistryTokens tokens;
    private final ManifestEndpoints manifests;
    private final BlobEndpoints blobs;
    private final UploadEndpoints uploads;
    private final ListingEndpoints listings;

    /** @param realm the endpoint's URL, named in authentication challenges */
    public DistributionService(RegistryRecords records, Images images, Layers layers, HmacRegistryTokens tokens,
                               Supplier<String> realm) {
        this.auth = new RegistryAuth(tokens, realm);
        this.access = new RepositoryAccess(records);
        this.tokens = tokens;
        this.manifests = new ManifestEndpoints(images, records);
        this.blobs = new BlobEndpoints(layers, records);
        this.uploads = new UploadEndpoints(layers, records, access);
        this.listings = new ListingEndpoints(records);
    }

    /** A request on its way through: the context, the request, and who sent it. */
    record Call(ServiceRequestContext ctx, HttpRequest req, RegistryAuth.Caller caller) {
        boolean head() {
            return req.method() == HttpMethod.HEAD;
        }

        String query(String name) {
            return ctx.queryParam(name);
        }
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        boolean head = req.method() == HttpMethod.HEAD;
        try {
            Route route = Route.parse(ctx.path().replace("%3A", ":").replace("%3a", ":"));
            if (route instanceof Route.Blob blob && ctx.queryParam("X-Berth-Grant") != null && req.method() == HttpMethod.GET) {
                return blocking(ctx, head, () -> blobs.downloadWithGrant(ctx, blob, tokens));
            }
            Call call = new Call(ctx, req, auth.authenticate(req.headers()));
            return switch (route) {
                case Route.Base base -> ok(head);
                case Route.Unknown unknown -> throw new OciError(HttpStatus.NOT_FOUND, "UNSUPPORTED", "no such endpoint: " + ctx.path());
                case Route.BadName bad -> throw OciError.nameInvalid(bad.name());
                case Route.Catalog catalog -> blocking(ctx, head, () -> listings.catalog(call, require(call, HttpMethod.GET)));
                case Route.Tags tags -> blocking(ctx, head, () -> listings.tags(call, repository(call, tags.name(), "ecr:ListImages", HttpMethod.GET)));
                case Route.Referrers ref -> blocking(ctx, head, () ->
                        listings.referrers(call, repository(call, ref.name(), "ecr:BatchGetImage", HttpMethod.GET), ref.digest()));
                case Route.Manifest m -> manifest(call, m);
                case Route.Blob b -> blob(call, b);
                case Route.UploadStart u -> {
                    RepositoryId id = repository(call, u.name(), "ecr:InitiateLayerUpload", HttpMethod.POST);
                    yield uploads.start(call, id);
                }
                case Route.Upload u -> upload(call, u);
            };
        } catch (OciError e) {
            return e.toResponse(head);
        } catch (RegistryException e) {
            return OciError.from(e).toResponse(head);
        }
    }

    private HttpResponse manifest(Call call, Route.Manifest m) {
        HttpMethod method = call.req().method();
        return switch (method.name()) {
            case "GET", "HEAD" -> blocking(call.ctx(), call.head(), () ->
                    manifests.get(call, repository(call, m.name(), "ecr:BatchGetImage", method), m.reference()));
            case "PUT" -> manifests.put(call, repository(call, m.name(), "ecr:PutImage", method), m.reference());
            case "DELETE" -> blocking(call.ctx(), false, () ->
                    manifests.delete(call, repository(call, m.name(), "ecr:BatchDeleteImage", method), m.reference()));
            default -> throw notAllowed(method);
        };
    }

    private HttpResponse blob(Call call, Route.Blob b) {
        HttpMethod method = call.req().method();
        return switch (method.name()) {
            case "GET" -> blocking(call.ctx(), false, () ->
                    blobs.get(call, repository(call, b.name(), "ecr:GetDownloadUrlForLayer", method), b.digest()));
            case "HEAD" -> blocking(call.ctx(), true, () ->
                    blobs.head(call, repository(call, b.name(), "ecr:BatchCheckLayerAvailability", method), b.digest()));
            case "DELETE" -> blocking(call.ctx(), false, () ->
                    blobs.delete(call, repository(call, b.name(), "ecr:BatchDeleteImage", method), b.digest()));
            default -> throw notAllowed(method);
        };
    }

    private HttpResponse upload(Call call, Route.Upload u) {
        HttpMethod method = call.req().method();
        return switch (method.name()) {
            case "GET" -> blocking(call.ctx(), false, () ->
                    uploads.status(call, repository(call, u.name(), "ecr:UploadLayerPart", method), u.id()));
            case "PATCH" -> uploads.patch(call, repository(call, u.name(), "ecr:UploadLayerPart", method), u.id());
            case "PUT" -> uploads.finish(call, repository(call, u.name(), "ecr:CompleteLayerUpload", method), u.id());
            case "DELETE" -> blocking(call.ctx(), false, () ->
                    uploads.cancel(call, repository(call, u.name(), "ecr:UploadLayerPart", method), u.id()));
            default -> throw notAllowed(method);
        };
    }

    /** The repository addressed, once the caller is known to be allowed {@code action} on it. */
    private RepositoryId repository(Call call, String name, String action, HttpMethod method) {
        RepositoryId id = call.caller().repository(name);
        access.check(call.caller().principal(), id, action);
        return id;
    }

    private static RegistryAuth.Caller require(Call call, HttpMethod method) {
        if (!call.caller().ownRegistry()) {
            throw OciError.denied("the catalog of another account's registry is not available");
        }
        return call.caller();
    }

    private static OciError notAllowed(HttpMethod method) {
        return OciError.unsupported("the method " + method + " is not supported on this endpoint");
    }

    private static HttpResponse ok(boolean head) {
        ResponseHeaders headers = ResponseHeaders.builder(HttpStatus.OK).contentType(MediaType.JSON_UTF_8)
                .add(API_VERSION_HEADER, API_VERSION).build();
        return head ? HttpResponse.of(headers) : HttpResponse.of(headers, com.linecorp.armeria.common.HttpData.ofUtf8("{}"));
    }

    /** Work that touches the store or the disk, run off the event loop; errors become spec-shaped responses. */
    static HttpResponse blocking(ServiceRequestContext ctx, boolean head, Supplier<HttpResponse> work) {
        return HttpResponse.of(CompletableFuture.supplyAsync(() -> guarded(head, work), ctx.blockingTaskExecutor()));
    }

    static HttpResponse guarded(boolean head, Supplier<HttpResponse> work) {
        try {
            return work.get();
        } catch (OciError e) {
            return e.toResponse(head);
        } catch (RegistryException e) {
            return OciError.from(e).toResponse(head);
        } catch (CompletionException e) {
            if (e.getCause() instanceof OciError error) return error.toResponse(head);
            if (e.getCause() instanceof RegistryException error) return OciError.from(error).toResponse(head);
            LOG.error("registry request failed", e);
            return new OciError(HttpStatus.INTERNAL_SERVER_ERROR, "UNKNOWN", "internal error").toResponse(head);
        } catch (RuntimeException e) {
            LOG.error("registry request failed", e);
            return new OciError(HttpStatus.INTERNAL_SERVER_ERROR, "UNKNOWN", "internal error").toResponse(head);
        }
    }
}
