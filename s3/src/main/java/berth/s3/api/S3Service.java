package berth.s3.api;

import berth.aws.CredentialSource;
import berth.s3.BucketEvents;
import berth.s3.core.Bucket;
import berth.s3.data.ObjectData;
import berth.s3.state.ObjectChanges;
import berth.s3.state.S3Records;
import berth.sqs.QueueMessages;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3 on its REST-XML wire: finds the bucket and key (path style or virtual host), authenticates,
 * routes by method, key and sub-resource to a handler on a blocking thread (bodies stream through),
 * and answers every failure with S3's XML error (a HEAD with none), draining what the client still sends.
 */
public final class S3Service implements HttpService {
    private static final Logger LOG = LoggerFactory.getLogger(S3Service.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final S3Records records;
    private final S3Authentication authentication;
    private final String endpointHost;
    private final String defaultRegion;
    private final BucketApi buckets;
    private final BucketConfigApi configs;
    private final ObjectReadApi reads;
    private final ObjectWriteApi writes;
    private final ObjectDeleteApi deletes;
    private final Listings listings;
    private final MultipartApi multipart;

    public S3Service(S3Records records, ObjectData data, ObjectChanges changes, CredentialSource credentials, Clock clock,
                     Supplier<berth.aws.Authorizer> authorizer, Supplier<Optional<QueueMessages>> queues,
                     Supplier<Optional<BucketEvents>> events, String endpointHost, String defaultRegion) {
        this.records = records;
        this.authentication = new S3Authentication(credentials, clock);
        this.endpointHost = endpointHost;
        this.defaultRegion = defaultRegion;
        S3Access access = new S3Access(authorizer);
        this.buckets = new BucketApi(records, access, clock);
        this.configs = new BucketConfigApi(buckets, queues, events, clock);
        this.reads = new ObjectReadApi(records, buckets, access, data);
        this.writes = new ObjectWriteApi(buckets, access, data, changes, records, clock);
        this.deletes = new ObjectDeleteApi(records, buckets, access, changes);
        this.listings = new Listings(records, buckets);
        this.multipart = new MultipartApi(records, buckets, access, data, changes, writes, clock);
    }

    /** The multipart API, for the lifecycle loop's aborts. */
    public void abortUpload(berth.platform.RecordTable.Versioned<berth.s3.core.Upload> upload) {
        multipart.abort(upload);
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        ctx.clearRequestTimeout();
        ctx.setMaxRequestLength(0);
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        String requestId = HexFormat.of().withUpperCase().formatHex(id);
        return HttpResponse.of(CompletableFuture.supplyAsync(() -> handle(ctx, req, requestId), ctx.blockingTaskExecutor()));
    }

    private HttpResponse handle(ServiceRequestContext ctx, HttpRequest req, String requestId) {
        String rawPath = ctx.rawPath();
        int q = rawPath.indexOf('?');
        String path = q < 0 ? rawPath : rawPath.substring(0, q);
        String rawQuery = ctx.query() == null ? "" : ctx.query();
        boolean head = req.method() == HttpMethod.HEAD;
        S3Addressing.Target target = S3Addressing.resolve(req.headers().authority(), path, endpointHost);
        String key;
        try {
            key = target.rawKey().isEmpty() ? "" : S3Addressing.decode(target.rawKey());
        } catch (IllegalArgumentException e) {
            key = target.rawKey();
        }
        String resource = "/" + target.bucket() + (key.isEmpty() ? "" : "/" + key);
        S3Call call = null;
        try {
            Map<String, List<String>> query = new LinkedHashMap<>();
            for (var pair : berth.aws.wire.PercentEncoding.parsePairs(rawQuery, false)) {
                query.computeIfAbsent(pair.getKey(), k -> new ArrayList<>()).add(pair.getValue());
            }
            Optional<Bucket> bucket = target.bucket().isEmpty() ? Optional.empty()
                    : records.bucket(target.bucket()).map(v -> v.value());
            String region = bucket.map(Bucket::region).orElse(defaultRegion);
            String v2Resource = target.virtualHost() ? "/" + target.bucket() + path : path;
            S3Authentication.Signer signer = req.method() == HttpMethod.OPTIONS
                    ? new S3Authentication.Signer(Optional.empty(), Optional.empty())
                    : authentication.authenticate(req.headers(), path, rawQuery, query, v2Resource, region);
            call = new S3Call(ctx, req, req.method().name(), target.bucket(), key, query, signer.caller(), signer.signing(),
                    requestId);
            HttpResponse response = route(call, bucket);
            S3Call done = call;
            return response.mapHeaders(h -> {
                var builder = h.toBuilder();
                CorsAnswers.decorate(builder, done, bucket);
                return builder.build();
            });
        } catch (S3Exception e) {
            drain(req);
            return S3Responses.error(e, requestId, resource, head);
        } catch (berth.aws.AwsException e) {
            drain(req);
            return S3Responses.error(S3Errors.ACCESS_DENIED.exception(e.getMessage()), requestId, resource, head);
        } catch (Exception | Error e) {
            LOG.error("S3 {} {} failed, request {}", req.method(), resource, requestId, e);
            drain(req);
            return S3Responses.error(S3Errors.INTERNAL_ERROR.exception("We encountered an internal error. Please try again."),
                    requestId, resource, head);
        }
    }

    private static void drain(HttpRequest req) {
        req.subscribe(new org.reactivestreams.Subscriber<>() {
            private long seen;
            private org.reactivestreams.Subscription subscription;

            @Override
            public void onSubscribe(org.reactivestreams.Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(com.linecorp.armeria.common.HttpObject object) {
                if (object instanceof HttpData data) {
                    seen += data.length();
                    data.close();
                    if (seen > 64L << 20) subscription.cancel();
                }
            }

            @Override
            public void onError(Throwable t) { }

            @Override
            public void onComplete() { }
        });
    }

    private static InputStream body(S3Call call) {
        return call.req().toInputStream(o -> o instanceof HttpData data ? data : HttpData.empty());
    }

    private HttpResponse route(S3Call call, Optional<Bucket> bucket) throws Exception {
        String method = call.method();
        if (method.equals("OPTIONS")) return CorsAnswers.preflight(call, bucket);
        if (call.bucket().isEmpty()) {
            if (method.equals("GET")) return buckets.list(call);
            throw S3Errors.METHOD_NOT_ALLOWED.exception("The specified method is not allowed against this resource.");
        }
        if (call.key().isEmpty()) return bucketOperation(call, method);
        return objectOperation(call, method);
    }

    private HttpResponse bucketOperation(S3Call call, String method) throws Exception {
        return switch (method) {
            case "GET" -> {
                if (call.has("location")) yield buckets.location(call);
                if (call.has("versioning")) yield buckets.getVersioning(call);
                if (call.has("tagging")) yield buckets.getTagging(call);
                if (call.has("policy")) yield buckets.getPolicy(call);
                if (call.has("acl")) yield buckets.getAcl(call, "");
                if (call.has("lifecycle")) yield configs.getLifecycle(call);
                if (call.has("cors")) yield configs.getCors(call);
                if (call.has("notification")) yield configs.getNotifications(call);
                if (call.has("ownershipControls")) yield buckets.ownershipControls(call);
                if (call.has("encryption")) yield buckets.encryption(call);
                if (call.has("uploads")) yield listings.uploads(call);
                if (call.has("versions")) yield listings.versions(call);
                unsupported(call);
                yield listings.objects(call);
            }
            case "HEAD" -> buckets.head(call);
            case "PUT" -> {
                if (call.has("versioning")) yield buckets.putVersioning(call);
                if (call.has("tagging")) yield buckets.putTagging(call);
                if (call.has("policy")) yield buckets.putPolicy(call);
                if (call.has("lifecycle")) yield configs.putLifecycle(call);
                if (call.has("cors")) yield configs.putCors(call);
                if (call.has("notification")) yield configs.putNotifications(call);
                unsupported(call);
                yield buckets.create(call);
            }
            case "DELETE" -> {
                if (call.has("tagging")) yield buckets.deleteTagging(call);
                if (call.has("policy")) yield buckets.deletePolicy(call);
                if (call.has("lifecycle")) yield configs.deleteLifecycle(call);
                if (call.has("cors")) yield configs.deleteCors(call);
                unsupported(call);
                yield buckets.delete(call);
            }
            case "POST" -> {
                if (call.has("delete")) yield deletes.deleteMany(call);
                throw S3Errors.NOT_IMPLEMENTED.exception("berth does not support browser-based POST uploads.");
            }
            default -> throw S3Errors.METHOD_NOT_ALLOWED.exception("The specified method is not allowed against this resource.");
        };
    }

    /** Sub-resources berth does not serve answer NotImplemented rather than being taken for another operation. */
    private static void unsupported(S3Call call) {
        for (String name : List.of("website", "logging", "replication", "accelerate", "requestPayment", "object-lock",
                "publicAccessBlock", "analytics", "metrics", "inventory", "intelligent-tiering", "acl", "ownershipControls",
                "encryption", "torrent", "restore", "select", "retention", "legal-hold", "attributes")) {
            if (call.has(name)) {
                if (name.equals("publicAccessBlock") && call.method().equals("GET")) {
                    throw S3Errors.NO_SUCH_PUBLIC_ACCESS_BLOCK.exception("The public access block configuration was not found");
                }
                throw S3Errors.NOT_IMPLEMENTED.exception("A header you provided implies functionality that is not"
                        + " implemented", "Header", "?" + name);
            }
        }
    }

    private HttpResponse objectOperation(S3Call call, String method) throws Exception {
        return switch (method) {
            case "GET" -> {
                if (call.has("uploadId")) yield multipart.listParts(call);
                if (call.has("tagging")) yield deletes.getTagging(call);
                if (call.has("acl")) yield buckets.getAcl(call, call.key());
                unsupported(call);
                yield reads.read(call, false);
            }
            case "HEAD" -> {
                unsupported(call);
                yield reads.read(call, true);
            }
            case "PUT" -> {
                if (call.has("tagging")) yield deletes.putTagging(call);
                unsupported(call);
                if (call.has("uploadId")) {
                    yield call.header("x-amz-copy-source").isEmpty() ? multipart.uploadPart(call, body(call))
                            : multipart.copyPart(call);
                }
                yield call.header("x-amz-copy-source").isEmpty() ? writes.put(call, body(call)) : writes.copy(call);
            }
            case "DELETE" -> {
                if (call.has("tagging")) yield deletes.deleteTagging(call);
                if (call.has("uploadId")) yield multipart.abort(call);
                unsupported(call);
                yield deletes.delete(call);
            }
            case "POST" -> {
                if (call.has("uploads")) yield multipart.create(call);
                if (call.has("uploadId")) yield multipart.complete(call);
                unsupported(call);
                throw S3Errors.METHOD_NOT_ALLOWED.exception("The specified method is not allowed against this resource.");
            }
            default -> throw S3Errors.METHOD_NOT_ALLOWED.exception("The specified method is not allowed against this resource.");
        };
    }
}
