package berth.platform;

import com.linecorp.armeria.common.RequestHeaders;

/**
 * Which requests a plain HTTP service takes by their head rather than a path prefix: S3 addresses
 * buckets at any path, so its requests are told apart by their SigV4 credential scope (service
 * {@code s3}) or a bucket in the Host name. Asked for every request before path prefixes and the
 * AWS dispatcher; must be cheap and must not read the body.
 */
@FunctionalInterface
public interface RequestClaim {
    boolean claims(RequestHeaders headers);
}
