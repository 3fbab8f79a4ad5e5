package berth.s3.api;

import berth.aws.Caller;
import berth.aws.sigv4.StreamSigning;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One S3 request as the handlers see it: the bucket and key it addresses (path-style or in the Host
 * name), its decoded query parameters, who signed it (empty: anonymous) and how its body is signed.
 *
 * @param bucket empty for the service itself (ListBuckets)
 * @param key empty for bucket operations
 */
record S3Call(ServiceRequestContext ctx, HttpRequest req, String method, String bucket, String key,
              Map<String, List<String>> query, Optional<Caller> caller, Optional<StreamSigning> signing, String requestId) {

    String header(String name) {
        String value = req.headers().get(name);
        return value == null ? "" : value;
    }

    List<String> headers(String name) {
        return req.headers().getAll(name);
    }

    boolean has(String parameter) {
        return query.containsKey(parameter);
    }

    String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    Optional<String> optionalParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The payload hash the signature covers; {@code UNSIGNED-PAYLOAD} for anonymous and SigV2 requests. */
    String payloadHash() {
        return signing.map(StreamSigning::payloadHash).orElse(StreamSigning.UNSIGNED_PAYLOAD);
    }

    String accountId() {
        return caller.map(Caller::accountId).orElse("");
    }

    /** {@code AWS:<user id>} as S3 names principals in events; {@code Anonymous} for unsigned requests. */
    String principalId() {
        return caller.map(c -> "AWS:" + c.identity().userId()).orElse("Anonymous");
    }

    String sourceIp() {
        return ctx.clientAddress().getHostAddress();
    }

    String resource() {
        return "/" + bucket + (key.isEmpty() ? "" : "/" + key);
    }
}
